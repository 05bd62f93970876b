"""Reliability under load and faults (issue 16): threads, secrets, errors, retries, closing."""
import threading

import pytest
import urllib3

from mastodon import Mastodon
from tests import entities
from tests.conftest import TOKEN
from tests.harness import Reply


# -- more threads than pooled connections ---------------------------------------------------------------
def _no_read1(self):
    raise AttributeError("read1")


@pytest.mark.parametrize("reader", ["read1", "timer"])
def test_many_threads_share_one_client(server, monkeypatch, reader):
    """24 threads x 40 calls on the default session (pool_maxsize 10): no failure, every
    POST reaches the server exactly once; with the reader of current urllib3 and with
    the timer-watched one of urllib3 before 2.2."""
    if reader == "timer":
        monkeypatch.setattr(urllib3.HTTPResponse, "read1", property(_no_read1), raising=False)
    server.route("GET", "/api/v1/accounts/verify_credentials", json=entities.credential_account())
    server.route("POST", "/api/v1/statuses", lambda req: Reply(json=entities.status(id=req.form["status"][0])))
    api = Mastodon(access_token=TOKEN, api_base_url=server.url, mastodon_version="4.2.0")
    threads, calls = 24, 40
    errors = []
    done = []

    def work(number):
        for call in range(calls):
            try:
                if call % 2:
                    api.status_post("%d%03d" % (number + 1, call))
                else:
                    api.account_verify_credentials()
                done.append(1)
            except Exception as err:  # noqa: BLE001 - every failure is the test's finding
                errors.append(repr(err))

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    api.session.close()
    assert errors == []
    assert len(done) == threads * calls
    posted = [r.form["status"][0] for r in server.requests if r.method == "POST"]
    assert len(posted) == threads * calls // 2
    assert len(set(posted)) == len(posted)
