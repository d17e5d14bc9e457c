"""Curation records: old slugs that still redirect, the publication audit list, submissions."""

from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import NoReverseMatch, reverse


class SlugRedirect(models.Model):
    """An old slug of a public item; its old URL answers with a permanent redirect."""

    model_label = models.CharField(
        "type of item", max_length=100, help_text="Recorded for you when a web address changes."
    )
    old_slug = models.SlugField(
        "old web address",
        max_length=120,
        help_text="The last part of the old address; visitors who use it are sent on.",
    )
    object_id = models.PositiveBigIntegerField(
        "item number", help_text="The item the old address now leads to."
    )
    created_at = models.DateTimeField("recorded", auto_now_add=True)

    class Meta:
        ordering = ["model_label", "old_slug"]
        verbose_name = "old address"
        verbose_name_plural = "old addresses"
        constraints = [
            models.UniqueConstraint(
                fields=["model_label", "old_slug"], name="slugredirect_unique_old_slug"
            )
        ]

    def __str__(self):
        return f"{self.model_label}: {self.old_slug}"

    def target(self):
        model = apps.get_model(self.model_label)
        return model._default_manager.filter(pk=self.object_id).first()


class PublicationEvent(models.Model):
    """One workflow change: who moved which item from one status to another, and when."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        WITHDRAWN = "withdrawn", "Returned to draft"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"
        RESTORED = "restored", "Restored an earlier version"
        CREATED = "created", "Created"

    model_label = models.CharField(max_length=100)
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField("item", max_length=300)
    action = models.CharField(max_length=20, choices=Action)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The version the change left the item at."
    )
    created_at = models.DateTimeField("when", auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "publication event"

    def __str__(self):
        return f"{self.get_action_display()}: {self.object_repr}"

    VERBS = {
        Action.SUBMITTED: "sent {item} for review",
        Action.WITHDRAWN: "returned {item} to draft",
        Action.PUBLISHED: "published {item}",
        Action.UNPUBLISHED: "unpublished {item}",
        Action.RESTORED: "restored an earlier version of {item}",
        Action.CREATED: "created {item}",
    }

    def sentence(self):
        """The event as curators say it: "Pat Publisher published 'Growth in Gateshead'"."""
        who = (self.user.get_full_name() or self.user.get_username()) if self.user else "Someone"
        verb = self.VERBS.get(self.action, "changed {item}")
        return f"{who} {verb.format(item=f'‘{self.object_repr}’')}"

    def kind(self):
        """The kind of item in plain words, e.g. "case study"."""
        try:
            return str(self.model._meta.verbose_name)
        except LookupError:
            return self.model_label

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def admin_url(self):
        app_label, model_name = self.model_label.split(".")
        try:
            return reverse(f"admin:{app_label}_{model_name}_change", args=[self.object_id])
        except NoReverseMatch:
            return ""


class Submission(models.Model):
    """A practice's proposed story. The contact e-mail lives only here, never on public pages."""

    case_study = models.OneToOneField(
        "casestudies.CaseStudy",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submission",
        help_text="The draft created from this submission.",
    )
    organisation = models.CharField(max_length=300)
    place = models.CharField(max_length=200)
    contact_email = models.EmailField(help_text="Never shown publicly.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.organisation} ({self.created_at:%d %b %Y})"


class RelatedSnapshot(models.Model):
    """What a version's key figures, list items, tags and other links were (history keeps fields).

    django-simple-history records an item's own fields; its inline rows (key figures, checklist
    items, references, planned actions) and tags live in other tables, so each version saved
    through the admin also keeps them here, keyed by the historical record.
    """

    model_label = models.CharField(max_length=100)
    object_id = models.PositiveBigIntegerField()
    history_id = models.PositiveBigIntegerField()
    data = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["model_label", "history_id"], name="relatedsnapshot_unique_version"
            )
        ]
        indexes = [models.Index(fields=["model_label", "object_id"])]

    def __str__(self):
        return f"{self.model_label} {self.object_id} @ {self.history_id}"
