"""The ``jeugdketen`` command: a thin front for the project's Django management commands.

``jeugdketen --help`` lists the project's own commands; every Django command (``migrate``,
``runserver``, ...) is available too.
"""

from __future__ import annotations

import os
import sys


def project_commands() -> dict[str, str]:
    from django.core.management import get_commands, load_command_class

    commands = {}
    for name, app in sorted(get_commands().items()):
        if app.startswith("jeugdketen."):
            try:
                commands[name] = load_command_class(app, name).help.strip().splitlines()[0]
            except Exception:  # noqa: BLE001 - a broken command must not hide the others
                commands[name] = "(could not load)"
    return commands


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else ["jeugdketen", *argv])
    if argv[1:2] == ["ijw"]:
        # The iJw validator is the framework-free package: it never pays for starting Django.
        from jeugdketen.ijw.cli import main as ijw_main

        return ijw_main(argv[2:], prog="jeugdketen ijw")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jeugdketen.conf.settings")
    if argv[1:2] == ["serve"]:
        # gunicorn's workers add up their metrics in one directory; prometheus_client must know
        # it before any metric exists, so before Django starts (see jeugdketen.core.metrics).
        import tempfile

        os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="jeugdketen-metrics-"))
    import django

    django.setup()
    if len(argv) < 2 or argv[1] in {"-h", "--help", "help"} and len(argv) == 2:
        print("usage: jeugdketen COMMAND [options]\n\njeugdketen commands:")
        for name, text in project_commands().items():
            print(f"  {name:<12} {text}")
        print("\nDjango's own commands (migrate, runserver, createsuperuser, ...) work too.")
        print("'jeugdketen COMMAND --help' describes one command.")
        return 0
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
