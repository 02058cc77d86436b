"""The plan's console: its own figures for the three quota windows, read with an AccessKey.

Qt-free and CLI-free; the CLI (``codingplan console …``), ``actions`` and the app build on
it. Reading the console spends no plan quota. Import from the modules below (this package
imports none of them: the plan facts and the reading's types load without httpx or the
keyring).

**Log in and out** (``console.credentials``)::

    creds = credentials.check(key_id, secret, security_token=None, site=None)  # -> Credentials
    credentials.store(creds)          # the keyring, beside the plan key; replaces the old
    credentials.load()                # -> Credentials | None
    credentials.require()             # -> Credentials, or the console_no_credentials fault
    credentials.delete()              # -> bool; also forgets the kept console token

``Credentials`` shows only ``masked_id`` (``…wxyz``), ``temporary`` (an STS token is
present) and ``site`` (``hosts.Site.INTERNATIONAL``/``DOMESTIC``, or None). Its repr never
holds the secret; once one exists, logs and errors mask the secret and the STS token, and
the ID down to its last 4 characters (``redact.mask_value``).

**``bl``'s token, a second way in** (``console.bailian``)::

    bailian.read_login(env=None)      # -> BlLogin | None; read-only, never raises

**Read** (``console.client``)::

    answer = client.read_plan(auth, region, site=None, remembered=None, timeout=20.0, env=None)
    answer.reading                    # -> answer.PlanReading
    answer.row                        # keep it; pass it back as remembered= next time

``auth`` is ``Credentials`` or ``BlLogin``; ``region`` the plan's ``plan.Region``. One
deadline (``timeout`` seconds) covers the whole read; the console token is kept in memory
and in the keyring and minted again once if the console says it expired.
``CODINGPLAN_CONSOLE_ORIGIN`` (``http://`` only on loopback) replaces every console host.

**The reading** (``console.answer``): ``PlanReading`` has ``five_hours``, ``week``,
``month`` (each a ``Window``: ``used``, ``total``, ``left``, ``next_refresh`` an aware
datetime or None for a window not used yet; also ``reading.window("5h"|"week"|"month")``),
``tier`` (``plan.Tier``), ``status``, ``ends_at`` (aware), ``remaining_days``,
``auto_renew``, ``read_at`` (aware) and ``to_dict()`` for ``--json``.

**Plan facts** (``console.facts``, pure): ``plan_facts(reading, now, sent)`` ->
``PlanFacts`` (``ends_at``, ``last_day``, ``days_left``, ``auto_renew``, ``renewable``,
``reminder``: 7, 3, 1 or None), ``reminder_text(facts)`` -> the two templates to show.

**Faults** (``console.faults``): everything above raises only ``CodingPlanError``. Its
``code`` is one of ``faults.CODES`` (``console_no_permission``, which carries the RAM
policy to paste in ``params["policy"]``; ``console_unknown_access_key``;
``console_clock`` with ``params["minutes"]``; ``console_signature``;
``console_sts_token``; ``console_not_logged_in``; ``console_bl_expired``;
``console_not_member``; ``console_workspace_permission`` with ``params["permission"]``;
``console_no_plan``; ``console_plan_not_valid``; ``console_timeout``;
``console_redirect``; ``console_unreachable``; ``console_http_error``;
``console_refused``; ``console_bad_answer``; ``console_no_credentials``;
``console_credentials_format``; ``console_credentials_damaged``), or ``bad_origin`` /
``bad_console_origin`` for a bad ``CODINGPLAN_CONSOLE_ORIGIN``, or a keyring fault
(``keyring_unavailable``, ``keyring_locked``, ``keyring_error``). ``message`` and
``remedy`` are translatable templates (context ``errors``); the console's own words are in
``params["detail"]``, for a "Details" fold, with every secret masked.
"""
