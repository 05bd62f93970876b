"""Entity classes of the Mastodon API (PLACEHOLDER: names only).

This module is a placeholder so that endpoint methods can be annotated with their return types
while the real, generated entity classes (issue 13) are being written; it keeps the names.
Names follow Mastodon.py 2.x (``UserList`` for a list, ``Filter``/``Instance`` for the v1
documents, ``FilterV2``/``InstanceV2`` for the v2 ones).
"""
from __future__ import annotations
from typing import Generic, TypeVar

from mastodon.utility import AttribAccessDict, AttribAccessList

_T = TypeVar("_T")


class PaginatableList(AttribAccessList, Generic[_T]):
    """A page of a paginated answer (works with fetch_next / fetch_previous)."""


class NonPaginatableList(AttribAccessList, Generic[_T]):
    """A list answer without pagination."""


class Account(AttribAccessDict):
    """The Account entity."""


class AccountCreationError(AttribAccessDict):
    """The AccountCreationError entity."""


class AccountRole(AttribAccessDict):
    """The AccountRole entity."""


class AccountWarning(AttribAccessDict):
    """The AccountWarning entity."""


class Activity(AttribAccessDict):
    """The Activity entity."""


class AdminAccount(AttribAccessDict):
    """The AdminAccount entity."""


class AdminCanonicalEmailBlock(AttribAccessDict):
    """The AdminCanonicalEmailBlock entity."""


class AdminCohort(AttribAccessDict):
    """The AdminCohort entity."""


class AdminDimension(AttribAccessDict):
    """The AdminDimension entity."""


class AdminDimensionData(AttribAccessDict):
    """The AdminDimensionData entity."""


class AdminDomainAllow(AttribAccessDict):
    """The AdminDomainAllow entity."""


class AdminDomainBlock(AttribAccessDict):
    """The AdminDomainBlock entity."""


class AdminEmailDomainBlock(AttribAccessDict):
    """The AdminEmailDomainBlock entity."""


class AdminIp(AttribAccessDict):
    """The AdminIp entity."""


class AdminIpBlock(AttribAccessDict):
    """The AdminIpBlock entity."""


class AdminMeasure(AttribAccessDict):
    """The AdminMeasure entity."""


class AdminReport(AttribAccessDict):
    """The AdminReport entity."""


class AdminRetention(AttribAccessDict):
    """The AdminRetention entity."""


class AdminTag(AttribAccessDict):
    """The AdminTag entity."""


class Announcement(AttribAccessDict):
    """The Announcement entity."""


class AnnouncementAccount(AttribAccessDict):
    """The AnnouncementAccount entity."""


class AnnouncementStatus(AttribAccessDict):
    """The AnnouncementStatus entity."""


class AnnualReport(AttribAccessDict):
    """The AnnualReport entity."""


class AnnualReportState(AttribAccessDict):
    """The AnnualReportState entity."""


class Appeal(AttribAccessDict):
    """The Appeal entity."""


class Application(AttribAccessDict):
    """The Application entity."""


class AsyncRefresh(AttribAccessDict):
    """The AsyncRefresh entity."""


class CohortData(AttribAccessDict):
    """The CohortData entity."""


class Collection(AttribAccessDict):
    """The Collection entity."""


class CollectionItem(AttribAccessDict):
    """The CollectionItem entity."""


class CollectionWithAccounts(AttribAccessDict):
    """The CollectionWithAccounts entity."""


class Collections(AttribAccessDict):
    """The Collections entity."""


class Context(AttribAccessDict):
    """The Context entity."""


class Conversation(AttribAccessDict):
    """The Conversation entity."""


class CredentialAccount(AttribAccessDict):
    """The CredentialAccount entity."""


class CredentialApplication(AttribAccessDict):
    """The CredentialApplication entity."""


class CustomEmoji(AttribAccessDict):
    """The CustomEmoji entity."""


class DomainBlock(AttribAccessDict):
    """The DomainBlock entity."""


class EmptyResponse(AttribAccessDict):
    """The EmptyResponse entity."""


class Error(AttribAccessDict):
    """The Error entity."""


class ExtendedDescription(AttribAccessDict):
    """The ExtendedDescription entity."""


class FamiliarFollowers(AttribAccessDict):
    """The FamiliarFollowers entity."""


class FeatureApproval(AttribAccessDict):
    """The FeatureApproval entity."""


class FeaturedTag(AttribAccessDict):
    """The FeaturedTag entity."""


class Field(AttribAccessDict):
    """The Field entity."""


class Filter(AttribAccessDict):
    """The Filter entity."""


class FilterKeyword(AttribAccessDict):
    """The FilterKeyword entity."""


class FilterResult(AttribAccessDict):
    """The FilterResult entity."""


class FilterStatus(AttribAccessDict):
    """The FilterStatus entity."""


class FilterV2(AttribAccessDict):
    """The FilterV2 entity."""


class GroupedNotificationsResults(AttribAccessDict):
    """The GroupedNotificationsResults entity."""


class IdentityProof(AttribAccessDict):
    """The IdentityProof entity."""


class Instance(AttribAccessDict):
    """The Instance entity."""


class InstanceIcon(AttribAccessDict):
    """The InstanceIcon entity."""


class InstanceV2(AttribAccessDict):
    """The InstanceV2 entity."""


class Marker(AttribAccessDict):
    """The Marker entity."""


class MediaAttachment(AttribAccessDict):
    """The MediaAttachment entity."""


class MutedAccount(AttribAccessDict):
    """The MutedAccount entity."""


class Nodeinfo(AttribAccessDict):
    """The Nodeinfo entity."""


class Notification(AttribAccessDict):
    """The Notification entity."""


class NotificationFallback(AttribAccessDict):
    """The NotificationFallback entity."""


class NotificationPolicy(AttribAccessDict):
    """The NotificationPolicy entity."""


class NotificationRequest(AttribAccessDict):
    """The NotificationRequest entity."""


class OAuthServerInfo(AttribAccessDict):
    """The OAuthServerInfo entity."""


class OAuthUserInfo(AttribAccessDict):
    """The OAuthUserInfo entity."""


class PaginationInfo(AttribAccessDict):
    """The PaginationInfo entity."""


class PartialAccountWithAvatar(AttribAccessDict):
    """The PartialAccountWithAvatar entity."""


class Poll(AttribAccessDict):
    """The Poll entity."""


class PollOption(AttribAccessDict):
    """The PollOption entity."""


class Preferences(AttribAccessDict):
    """The Preferences entity."""


class PreviewCard(AttribAccessDict):
    """The PreviewCard entity."""


class PreviewCardAuthor(AttribAccessDict):
    """The PreviewCardAuthor entity."""


class PrivacyPolicy(AttribAccessDict):
    """The PrivacyPolicy entity."""


class Profile(AttribAccessDict):
    """The Profile entity."""


class PushNotification(AttribAccessDict):
    """The PushNotification entity."""


class Quote(AttribAccessDict):
    """The Quote entity."""


class QuoteApproval(AttribAccessDict):
    """The QuoteApproval entity."""


class Reaction(AttribAccessDict):
    """The Reaction entity."""


class Relationship(AttribAccessDict):
    """The Relationship entity."""


class RelationshipSeveranceEvent(AttribAccessDict):
    """The RelationshipSeveranceEvent entity."""


class Report(AttribAccessDict):
    """The Report entity."""


class Role(AttribAccessDict):
    """The Role entity."""


class Rule(AttribAccessDict):
    """The Rule entity."""


class ScheduledStatus(AttribAccessDict):
    """The ScheduledStatus entity."""


class Search(AttribAccessDict):
    """The Search entity."""


class SearchV2(AttribAccessDict):
    """The SearchV2 entity."""


class ShallowQuote(AttribAccessDict):
    """The ShallowQuote entity."""


class ShallowTag(AttribAccessDict):
    """The ShallowTag entity."""


class Status(AttribAccessDict):
    """The Status entity."""


class StatusEdit(AttribAccessDict):
    """The StatusEdit entity."""


class StatusMention(AttribAccessDict):
    """The StatusMention entity."""


class StatusSource(AttribAccessDict):
    """The StatusSource entity."""


class StatusTag(AttribAccessDict):
    """The StatusTag entity."""


class Suggestion(AttribAccessDict):
    """The Suggestion entity."""


class SupportedLocale(AttribAccessDict):
    """The SupportedLocale entity."""


class Tag(AttribAccessDict):
    """The Tag entity."""


class TermsOfService(AttribAccessDict):
    """The TermsOfService entity."""


class Token(AttribAccessDict):
    """The Token entity."""


class Translation(AttribAccessDict):
    """The Translation entity."""


class TranslationAttachment(AttribAccessDict):
    """The TranslationAttachment entity."""


class TranslationPoll(AttribAccessDict):
    """The TranslationPoll entity."""


class TranslationPollOption(AttribAccessDict):
    """The TranslationPollOption entity."""


class TrendsLink(AttribAccessDict):
    """The TrendsLink entity."""


class UnreadNotificationsCount(AttribAccessDict):
    """The UnreadNotificationsCount entity."""


class UserList(AttribAccessDict):
    """The UserList entity."""


class V1NotificationPolicy(AttribAccessDict):
    """The V1NotificationPolicy entity."""


class WebPushSubscription(AttribAccessDict):
    """The WebPushSubscription entity."""


class WebpushCryptoParamsPrivkey(AttribAccessDict):
    """The WebpushCryptoParamsPrivkey entity."""


class WebpushCryptoParamsPubkey(AttribAccessDict):
    """The WebpushCryptoParamsPubkey entity."""


class WrappedAnnualReports(AttribAccessDict):
    """The WrappedAnnualReports entity."""


class WrappedCollection(AttribAccessDict):
    """The WrappedCollection entity."""


class WrappedCollectionItem(AttribAccessDict):
    """The WrappedCollectionItem entity."""


V1Filter = Filter
V1Instance = Instance
