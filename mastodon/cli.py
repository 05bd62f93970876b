"""The command line: ``python -m mastodon`` (installed as the ``mastodon`` command).

Subcommands: ``login``, ``whoami``, ``toot``, ``timeline``, ``notifications`` and
``stream``; see ``python -m mastodon --help`` and the "Command line" page of the docs.
Output is one line per item (``--json``: JSON); an error is one line on stderr and a
non-zero exit status. Tokens and secrets are never printed.
"""
from __future__ import annotations
import argparse
import os
import sys
import webbrowser
from typing import Any, Callable, List, Optional, Sequence, TextIO
from urllib.parse import urlsplit

from mastodon import cli_output as output
from mastodon.errors import MastodonAPIError, MastodonError
from mastodon.streaming import StreamListener

PROG = "mastodon"
DEFAULT_SCOPES = "read write follow push"
#: Set (to anything but "" or "0") to never open a browser, like ``login --no-browser``.
NO_BROWSER_ENV = "MASTODON_NO_BROWSER"
CREDENTIALS_ENV = "MASTODON_CREDENTIALS"
CONFIG_DIR_ENV = "MASTODON_CONFIG_DIR"
VISIBILITIES = ("public", "unlisted", "private", "direct")


class CliError(Exception):
    """A mistake of the user that ends the command with a one-line message."""


def config_dir() -> str:
    """Where credential files live by default: ``$MASTODON_CONFIG_DIR``, else
    ``$XDG_CONFIG_HOME/mastodon-py``, else ``~/.config/mastodon-py``."""
    chosen = os.environ.get(CONFIG_DIR_ENV)
    if chosen:
        return chosen
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return os.path.join(base, "mastodon-py")


def default_credentials() -> str:
    return os.environ.get(CREDENTIALS_ENV) or os.path.join(config_dir(), "usercred.secret")


def can_open_browser(disabled: bool) -> bool:
    """Whether ``login`` should open a browser: not when disabled by flag or
    environment, and not on a Unix without a display (a server, a CI job)."""
    if disabled or os.environ.get(NO_BROWSER_ENV, "") not in ("", "0"):
        return False
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def _client(args: argparse.Namespace) -> Any:
    from mastodon import Mastodon
    path = args.credentials
    if not os.path.isfile(path):
        raise CliError("no credentials in %s: run '%s login --instance URL' first (or pass --credentials FILE)"
                       % (path, PROG))
    return Mastodon(access_token=path, user_agent="mastodon.py-cli")


# -- commands ---------------------------------------------------------------------------------------
def cmd_login(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from mastodon import Mastodon
    instance = args.instance if "://" in args.instance else "https://" + args.instance
    host = urlsplit(instance).netloc or args.instance
    to_file = args.to_file or args.credentials
    client_file = args.client_file or os.path.join(config_dir(), "clientcred-%s.secret" % host.replace(":", "_"))
    scopes = args.scopes.split()
    for path in (to_file, client_file):
        directory = os.path.dirname(os.path.abspath(path))
        os.makedirs(directory, mode=0o700, exist_ok=True)
    if not os.path.isfile(client_file):
        Mastodon.create_app(args.app_name, scopes=scopes, api_base_url=instance, to_file=client_file,
                            user_agent="mastodon.py-cli")
        err.write("Registered the app %r on %s (client credentials in %s)\n" % (args.app_name, instance, client_file))
    api = Mastodon(client_id=client_file, api_base_url=instance, user_agent="mastodon.py-cli")
    url = api.auth_request_url(scopes=scopes)
    err.write("Open this address in a browser, log in and allow access:\n%s\n" % url)
    if can_open_browser(args.no_browser):
        try:
            webbrowser.open(url)
        except webbrowser.Error:
            pass
    err.write("Then paste the code shown by the server here: ")
    err.flush()
    code = sys.stdin.readline().strip()
    if not sys.stdin.isatty():  # the Enter of a terminal ends the prompt line; a pipe does not
        err.write("\n")
    if not code:
        raise CliError("no code given; run login again")
    api.log_in(code=code, scopes=scopes, to_file=to_file)
    me = api.account_verify_credentials()
    if args.json:
        output.emit(out, [output.as_json({"account": me, "instance": api.api_base_url, "credentials": to_file})])
    else:
        output.emit(out, ["Logged in as %s; credentials saved to %s" % (output.account_line(me, api.api_base_url), to_file)])
    return 0


def cmd_whoami(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    api = _client(args)
    me = api.account_verify_credentials()
    output.emit(out, [output.as_json(me) if args.json else output.account_line(me, api.api_base_url)])
    return 0


def cmd_toot(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    api = _client(args)
    for path in args.media or []:
        if not os.path.isfile(path):
            raise CliError("no such media file: %s" % path)
    # synchronous: a video is processed after the upload; a status cannot attach it before
    media_ids = [api.media_post(path, synchronous=True)["id"] for path in args.media or []]
    status = api.status_post(args.text, media_ids=media_ids or None, visibility=args.visibility,
                             spoiler_text=args.spoiler)
    output.emit(out, [output.as_json(status) if args.json else output.status_line(status)])
    return 0


def _timeline_call(api: Any, which: str) -> Callable[..., Any]:
    if which in ("home", "local", "public"):
        return getattr(api, "timeline_" + which)  # type: ignore[no-any-return]
    kind, _, name = which.partition(":")
    if kind == "tag" and name:
        return lambda **kw: api.timeline_hashtag(name.lstrip("#"), **kw)
    if kind == "list" and name:
        return lambda **kw: api.timeline_list(name, **kw)
    raise CliError("unknown timeline %r: use home, local, public, tag:NAME or list:ID" % which)


def cmd_timeline(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    api = _client(args)
    statuses = _timeline_call(api, args.which)(limit=args.limit)
    output.emit(out, [output.as_json(list(statuses))] if args.json else map(output.status_line, statuses))
    return 0


def cmd_notifications(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    api = _client(args)
    items = api.notifications(limit=args.limit)
    output.emit(out, [output.as_json(list(items))] if args.json else map(output.notification_line, items))
    return 0


class _PrintingListener(StreamListener):
    """Writes one line per stream event."""

    def __init__(self, out: TextIO, as_json: bool) -> None:
        self.out = out
        self.as_json = as_json

    def _event(self, name: str, payload: Any, line: str) -> None:
        output.emit(self.out, [output.as_json({"event": name, "payload": payload}) if self.as_json else line])

    def on_update(self, status: Any) -> None:
        self._event("update", status, output.status_line(status))

    def on_status_update(self, status: Any) -> None:
        self._event("status.update", status, "edited  " + output.status_line(status))

    def on_notification(self, notification: Any) -> None:
        self._event("notification", notification, "notification  " + output.notification_line(notification))

    def on_delete(self, status_id: Any) -> None:
        self._event("delete", status_id, "deleted  %s" % status_id)

    def on_unknown_event(self, name: str, unknown_event: Any = None) -> None:
        self._event(name, unknown_event, "%s  %s" % (name, output.as_json(unknown_event)))


def cmd_stream(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    api = _client(args)
    listener = _PrintingListener(out, args.json)
    which = args.which
    if which in ("user", "public", "local"):
        getattr(api, "stream_" + which)(listener)
    elif which.startswith("hashtag:") and len(which) > len("hashtag:"):
        api.stream_hashtag(which.split(":", 1)[1].lstrip("#"), listener)
    else:
        raise CliError("unknown stream %r: use user, public, local or hashtag:NAME" % which)
    return 0


# -- parser and entry point ---------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print JSON instead of text")
    common.add_argument("--credentials", metavar="FILE", default=None,
                        help="user credential file (default: $%s or %s)"
                        % (CREDENTIALS_ENV, os.path.join("<config dir>", "usercred.secret")))
    parser = argparse.ArgumentParser(prog=PROG, description="Use a Mastodon server from the command line.",
                                     epilog="Start with: %s login --instance mastodon.social" % PROG)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    login = commands.add_parser("login", parents=[common], help="log in (OAuth code flow) and save credentials",
                                description="Register the app if needed, show the authorization URL, read the "
                                            "code from the terminal and save the user credential file (0600).")
    login.add_argument("--instance", required=True, metavar="URL", help="the server, e.g. mastodon.social")
    login.add_argument("--to-file", metavar="FILE", help="where to save the user credentials (default: --credentials)")
    login.add_argument("--client-file", metavar="FILE", help="client credential file (created when missing)")
    login.add_argument("--scopes", default=DEFAULT_SCOPES, help="space-separated scopes (default: %(default)s)")
    login.add_argument("--app-name", default="mastodon.py command line", help="the app name shown on the server")
    login.add_argument("--no-browser", action="store_true",
                       help="do not open a browser (also: $%s=1, or no display)" % NO_BROWSER_ENV)
    login.set_defaults(run=cmd_login)

    commands.add_parser("whoami", parents=[common], help="show the logged-in account").set_defaults(run=cmd_whoami)

    toot = commands.add_parser("toot", parents=[common], help="post a status")
    toot.add_argument("text")
    toot.add_argument("--media", nargs="+", metavar="FILE", help="attach these files")
    toot.add_argument("--visibility", choices=VISIBILITIES)
    toot.add_argument("--spoiler", metavar="TEXT", help="content warning")
    toot.set_defaults(run=cmd_toot)

    timeline = commands.add_parser("timeline", parents=[common], help="show a timeline")
    timeline.add_argument("which", nargs="?", default="home", help="home (default), local, public, tag:NAME or list:ID")
    timeline.add_argument("--limit", type=int, metavar="N", help="at most N statuses")
    timeline.set_defaults(run=cmd_timeline)

    notifications = commands.add_parser("notifications", parents=[common], help="show notifications")
    notifications.add_argument("--limit", type=int, metavar="N", help="at most N notifications")
    notifications.set_defaults(run=cmd_notifications)

    stream = commands.add_parser("stream", parents=[common], help="print live events until Ctrl-C")
    stream.add_argument("which", nargs="?", default="user", help="user (default), public, local or hashtag:NAME")
    stream.set_defaults(run=cmd_stream)
    return parser


def error_line(error: BaseException) -> str:
    """One line describing ``error``, without the tuple dressing of API errors."""
    if isinstance(error, MastodonAPIError) and len(error.args) == 4 and isinstance(error.args[1], int):
        _, code, reason, text = error.args
        message = "the server answered %s %s%s" % (code, reason or "", ": %s" % text if text else "")
    else:
        message = str(error) or type(error).__name__
    return " ".join(message.split())


def _secrets_of(args: argparse.Namespace) -> List[str]:
    """The token and secrets in the credential files, to keep them out of messages
    even if some error text quoted one."""
    found: List[str] = []
    for path in (args.credentials, getattr(args, "to_file", None), getattr(args, "client_file", None)):
        if not isinstance(path, str):
            continue
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                lines = [line.strip() for line in handle.read().splitlines()]
        except (OSError, TypeError):
            continue
        found += [line for line in lines if len(line) >= 8 and "://" not in line]
    return found


def main(argv: Optional[Sequence[str]] = None, out: Optional[TextIO] = None, err: Optional[TextIO] = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    args = build_parser().parse_args(list(argv) if argv is not None else None)
    if args.credentials is None:
        args.credentials = default_credentials()
    try:
        return int(args.run(args, out, err))
    except KeyboardInterrupt:
        err.write("\n")
        return 130
    except (MastodonError, CliError, OSError) as error:
        line = error_line(error)
        for secret in _secrets_of(args):
            line = line.replace(secret, "***")
        err.write("%s: error: %s\n" % (PROG, line))
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
