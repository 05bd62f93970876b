"""A typed user script: ``mypy --strict tests/typed_example.py`` must pass (tests/test_entities_typed.py
and ``tox -e mypy`` check it). It is never run against a server."""
from typing import List, Optional

from mastodon import Mastodon
from mastodon.return_types import Account, MediaAttachment, PaginatableList, Status


def newest_authors(api: Mastodon) -> List[str]:
    page: PaginatableList[Status] = api.timeline_home(limit=40)
    return [status.account.acct for status in page]


def first_image(api: Mastodon, status_id: int) -> Optional[str]:
    status: Status = api.status(status_id)
    media: List[MediaAttachment] = status.media_attachments
    for item in media:
        if item.type == "image":
            return item.url
    return None


def follower_names(api: Mastodon, account: Account) -> List[str]:
    followers = api.account_followers(account.id)
    names = [follower.display_name for follower in followers]
    next_page = api.fetch_next(followers)
    if next_page is not None:
        names.extend(follower.display_name for follower in next_page)
    everyone: List[Account] = api.fetch_remaining(followers)
    names.extend(str(follower["acct"]) for follower in everyone)
    return names


def saved(api: Mastodon) -> Status:
    text = api.status(1).to_json()
    return Status.from_json(text)
