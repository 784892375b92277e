from tests.toegang.world import schemas, world  # noqa: F401
