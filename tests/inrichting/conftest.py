from tests.security.fixtures import api_token, client_as, world  # noqa: F401
