"""The settings of a deployment on many machines, each read in a fresh process.

The helpers are tests/test_settings.py's: a child process loads the settings and prints them.
"""

from __future__ import annotations

from tests.test_settings import refused, settings_with

PRIMARY = "postgres://byline@db.internal:5432/byline"
REPLICA = "postgres://byline@replica.internal:5432/byline"


def test_a_replica_url_adds_a_replica_database_and_the_router(tmp_path):
    found = settings_with(tmp_path, "DATABASES", "DATABASE_ROUTERS", "BYLINE_REPLICA_PIN_SECONDS",
                          DATABASE_URL=PRIMARY, DATABASE_REPLICA_URL=REPLICA,
                          BYLINE_REPLICA_PIN_SECONDS="5")  # fmt: skip
    replica = found["DATABASES"]["replica"]
    assert (replica["HOST"], replica["ENGINE"]) == ("replica.internal",
                                                    "byline.platform.postgresql")  # fmt: skip
    assert replica["TEST"]["MIRROR"] == "default"  # the tests' one database stands for both
    assert found["DATABASE_ROUTERS"] == ["byline.platform.database_routing.PrimaryReplicaRouter"]
    assert found["BYLINE_REPLICA_PIN_SECONDS"] == 5


def test_a_replica_without_its_primary_or_of_another_kind_is_refused(tmp_path):
    assert "DATABASE_REPLICA_URL needs DATABASE_URL" in refused(
        tmp_path, DATABASE_REPLICA_URL=REPLICA
    )
    assert "must be a PostgreSQL URL" in refused(
        tmp_path, DATABASE_URL=PRIMARY, DATABASE_REPLICA_URL="mysql://x@y/z")  # fmt: skip


def test_the_pool_setting_turns_on_psycopgs_pool_for_every_database(tmp_path):
    found = settings_with(tmp_path, "DATABASES", DATABASE_URL=PRIMARY,
                          DATABASE_REPLICA_URL=REPLICA, BYLINE_DB_POOL="true",
                          BYLINE_DB_POOL_MAX="8")  # fmt: skip
    for database in found["DATABASES"].values():
        assert database["CONN_MAX_AGE"] == 0  # Django refuses a pool with persistent connections
        assert database["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 8, "timeout": 10}
    plain = settings_with(tmp_path, "DATABASES", DATABASE_URL=PRIMARY)
    assert "pool" not in plain["DATABASES"]["default"].get("OPTIONS", {})


def test_the_pool_needs_postgresql_and_a_sane_size(tmp_path):
    assert "BYLINE_DB_POOL needs DATABASE_URL" in refused(tmp_path, BYLINE_DB_POOL="true")
    assert "BYLINE_DB_POOL_MAX must be a whole number from 1 to 1000" in refused(
        tmp_path, DATABASE_URL=PRIMARY, BYLINE_DB_POOL="yes", BYLINE_DB_POOL_MAX="0"
    )


def test_postgresql_prepares_repeated_statements_unless_told_not_to(tmp_path):
    found = settings_with(tmp_path, "DATABASES", DATABASE_URL=PRIMARY,
                          DATABASE_REPLICA_URL=REPLICA)  # fmt: skip
    for database in found["DATABASES"].values():
        assert database["OPTIONS"]["server_side_binding"] is True
        assert database["OPTIONS"]["prepare_threshold"] == 5
    plain = settings_with(tmp_path, "DATABASES", DATABASE_URL=PRIMARY,
                          BYLINE_DB_PREPARED="false")  # fmt: skip
    assert "server_side_binding" not in plain["DATABASES"]["default"].get("OPTIONS", {})
    assert "BYLINE_DB_PREPARED must be true or false" in refused(
        tmp_path, DATABASE_URL=PRIMARY, BYLINE_DB_PREPARED="sometimes"
    )


def test_the_media_bucket_moves_uploads_to_s3_and_nothing_else(tmp_path):
    found = settings_with(tmp_path, "STORAGES", BYLINE_MEDIA_S3_BUCKET="media",
                          BYLINE_MEDIA_S3_ENDPOINT="http://minio.internal:9000",
                          BYLINE_MEDIA_S3_ACCESS_KEY="key", BYLINE_MEDIA_S3_SECRET_KEY="secret",
                          BYLINE_MEDIA_S3_REGION="eu-west-1")  # fmt: skip
    media = found["STORAGES"]["default"]
    assert media["BACKEND"] == "byline.platform.media_storage.S3MediaStorage"
    assert media["OPTIONS"]["bucket_name"] == "media"
    assert media["OPTIONS"]["endpoint_url"] == "http://minio.internal:9000"
    assert media["OPTIONS"]["addressing_style"] == "path"
    assert media["OPTIONS"]["region_name"] == "eu-west-1"
    assert found["STORAGES"]["staticfiles"]["BACKEND"].startswith("byline.platform.")
    local = settings_with(tmp_path, "STORAGES")
    assert local["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")


def test_the_request_log_format_is_one_of_three_words(tmp_path):
    assert settings_with(tmp_path, "BYLINE_REQUEST_LOG")["BYLINE_REQUEST_LOG"] == ""
    found = settings_with(tmp_path, "BYLINE_REQUEST_LOG", BYLINE_REQUEST_LOG="JSON")
    assert found["BYLINE_REQUEST_LOG"] == "json"
    assert "BYLINE_REQUEST_LOG must be one of json, plain, off" in refused(
        tmp_path, BYLINE_REQUEST_LOG="xml"
    )
