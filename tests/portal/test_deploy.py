
from tests.portal.helpers import production_env, run_manage


def test_production_settings_pass_check_deploy(tmp_path):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING",
                        env=production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_static_files_are_hashed_and_compressed(tmp_path):
    env = production_env(tmp_path) | {"STATIC_ROOT": str(tmp_path / "static")}
    result = run_manage("collectstatic", "--no-input", "-v0", env=env)
    assert result.returncode == 0, result.stderr
    css = sorted(path.name for path in (tmp_path / "static" / "css").glob("portal.*.css*"))
    assert len(css) == 2 and css[1] == css[0] + ".gz", css


def test_production_without_secret_key_stops_with_one_line(tmp_path):
    env = production_env(tmp_path)
    env["SECRET_KEY"] = ""
    result = run_manage("check", env=env)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "SECRET_KEY" in lines[0] and "set" in lines[0]


def test_production_without_the_proxy_count_stops_with_one_line(tmp_path):
    # Behind nginx without it, one client's wrong passwords lock an account for everyone.
    env = production_env(tmp_path) | {"TRUSTED_PROXY_COUNT": ""}
    result = run_manage("check", env=env)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "TRUSTED_PROXY_COUNT" in lines[0] and "nginx" in lines[0]


def test_production_picks_services_from_the_environment(tmp_path):
    env = production_env(tmp_path) | {
        "ELASTICSEARCH_URL": "http://search.internal:9200",
        "REDIS_URL": "redis://cache.internal:6379/0",
        "AWS_STORAGE_BUCKET_NAME": "portal-media",
        "EMAIL_HOST": "smtp.internal",
    }
    code = (
        "from django.conf import settings as s;"
        "print(s.WAGTAILSEARCH_BACKENDS['default']['BACKEND']);"
        "print(s.CACHES['default']['BACKEND']);"
        "print(s.STORAGES['default']['BACKEND']);"
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST);"
        "print(s.TASKS['default']['BACKEND'])"
    )
    result = run_manage("shell", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[-6:-1] == [
        "search.elasticsearch_backend",
        "django_redis.cache.RedisCache",
        "storages.backends.s3.S3Storage",
        "django.core.mail.backends.smtp.EmailBackend smtp.internal",
        "django_tasks_db.DatabaseBackend",
    ]
