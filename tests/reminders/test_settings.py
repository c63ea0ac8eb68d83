"""The reminder settings read from the environment refuse values that make no sense."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.env import envchoice, envurl


def test_webhook_kind_is_one_of_the_robots(monkeypatch):
    monkeypatch.setenv("CRM_DIGEST_WEBHOOK_KIND", "DingTalk")
    assert envchoice("CRM_DIGEST_WEBHOOK_KIND", choices=("wecom", "dingtalk"), default="wecom") == "dingtalk"
    monkeypatch.setenv("CRM_DIGEST_WEBHOOK_KIND", "slack")
    with pytest.raises(ImproperlyConfigured, match="CRM_DIGEST_WEBHOOK_KIND"):
        envchoice("CRM_DIGEST_WEBHOOK_KIND", choices=("wecom", "dingtalk"), default="wecom")


def test_site_url_loses_its_trailing_slash_and_must_be_an_address(monkeypatch):
    monkeypatch.setenv("CRM_SITE_URL", "https://crm.example.gov.cn/")
    assert envurl("CRM_SITE_URL", default="http://127.0.0.1:8000") == "https://crm.example.gov.cn"
    monkeypatch.delenv("CRM_SITE_URL")
    assert envurl("CRM_SITE_URL", default="http://127.0.0.1:8000") == "http://127.0.0.1:8000"
    monkeypatch.setenv("CRM_SITE_URL", "crm.example.gov.cn")
    with pytest.raises(ImproperlyConfigured, match="CRM_SITE_URL"):
        envurl("CRM_SITE_URL", default="")


def test_an_empty_webhook_address_is_off(monkeypatch):
    monkeypatch.setenv("CRM_DIGEST_WEBHOOK_URL", "")
    assert envurl("CRM_DIGEST_WEBHOOK_URL", default="") == ""
