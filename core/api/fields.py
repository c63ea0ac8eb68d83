"""Fields every serializer shares: links that never name a record the reader may not see (``core.access``),
and dates within the years the product accepts (``core.parsing``)."""

from django.core.exceptions import ValidationError
from django.db import models
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS

from core.access import can_see, has_visibility_rule
from core.parsing import check_date


class VisibleRelatedField(serializers.PrimaryKeyRelatedField):
    """A record's id, or ``null`` when the reader may not see that record; only visible records may be chosen."""

    def use_pk_only_optimization(self):
        # The visibility rule reads the related record's fields (confidential, officer): load it.
        return not has_visibility_rule(self.related_model())

    def related_model(self):
        if self.queryset is not None:
            return self.queryset.model
        serializer = self.parent.parent if isinstance(self.parent, serializers.ManyRelatedField) else self.parent
        return serializer.Meta.model._meta.get_field(self.source_attrs[0]).related_model

    def _user(self):
        request = self.context.get("request")
        return getattr(request, "user", None)

    def get_queryset(self):
        queryset = super().get_queryset()
        visible_to = getattr(queryset, "visible_to", None)
        user = self._user()
        return visible_to(user) if visible_to is not None and user is not None else queryset

    def to_representation(self, value):
        if isinstance(value, models.Model) and has_visibility_rule(type(value)) and not can_see(self._user(), value):
            return None
        return super().to_representation(value)

    @classmethod
    def many_init(cls, *args, **kwargs):
        list_kwargs = {key: value for key, value in kwargs.items() if key in MANY_RELATION_KWARGS}
        return VisibleManyRelatedField(child_relation=cls(*args, **kwargs), **list_kwargs)


class VisibleManyRelatedField(serializers.ManyRelatedField):
    """Ids of the linked records the reader may see; the others are left out, not marked."""

    def to_representation(self, iterable):
        user = self.child_relation._user()
        return [
            self.child_relation.to_representation(value)
            for value in iterable
            if not has_visibility_rule(type(value)) or can_see(user, value)
        ]


class DateField(serializers.DateField):
    """An ISO date within the years every form of the product accepts (``core.parsing.check_date``)."""

    def to_internal_value(self, value):
        day = super().to_internal_value(value)
        try:
            check_date(day)
        except ValidationError as error:
            raise serializers.ValidationError(error.messages) from error
        return day
