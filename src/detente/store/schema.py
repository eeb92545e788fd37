"""The store's schema: one definition, migrations producing SQL for each dialect.

A migration is a function of the :class:`~detente.store.dialect.Dialect` returning
the SQL that brings a store from the previous version to its own.  Tables,
keys and indexes are written once; only types and full-text search differ:
SQLite keeps FTS5 tables filled by triggers, PostgreSQL ``tsvector`` columns
generated from the row, with GIN indexes.

Append only: never edit a migration that has shipped (the SQLite SQL of
migrations 1 and 2 is what the first releases wrote).
"""

from __future__ import annotations

from collections.abc import Callable

from . import counts, dyads, firsts, fused, leads, links, mentioned, pasts, ranks, state_ranks
from .dialect import CREATE_MIGRATIONS_TABLE, DB, Dialect

# PostgreSQL's text search configuration (stemming, stop words) for every tsvector
TS_CONFIG = "english"
# a tsvector holds at most 1 MB; texts beyond this many characters are searched on their start
TS_MAX_CHARS = 1_000_000


def _m001_initial(d: Dialect) -> str:
    tables = f"""
        CREATE TABLE documents (
            id {d.text} PRIMARY KEY,
            title {d.text}, source {d.text}, url {d.text},
            published {d.text}, published_basis {d.text} NOT NULL DEFAULT 'unknown',
            authors {d.text} NOT NULL DEFAULT '[]',
            path {d.text}, origin {d.text},
            text {d.text} NOT NULL,
            content_hash {d.text} NOT NULL,
            words INTEGER NOT NULL DEFAULT 0,
            ingested_at {d.text} NOT NULL
        );
        CREATE UNIQUE INDEX documents_content_hash ON documents(content_hash);
        CREATE INDEX documents_published ON documents(published);

        -- inputs whose normalised text equals a stored document's: linked, not stored again
        CREATE TABLE duplicates (
            document_id {d.text} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            origin {d.text} NOT NULL,
            alias_id {d.text}, title {d.text}, source {d.text}, url {d.text}, published {d.text},
            seen_at {d.text} NOT NULL,
            PRIMARY KEY (document_id, origin)
        );
        -- pairs of stored documents that are near-duplicates (a lightly edited wire story)
        CREATE TABLE near_duplicates (
            a {d.text} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            b {d.text} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            similarity {d.real} NOT NULL,
            PRIMARY KEY (a, b)
        );
        CREATE TABLE signatures (
            document_id {d.text} PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            minhash {d.blob} NOT NULL
        );

        CREATE TABLE actors (
            id {d.text} PRIMARY KEY,
            name {d.text} NOT NULL, kind {d.text} NOT NULL, code {d.text}, country {d.text},
            data {d.text} NOT NULL
        );
        CREATE INDEX actors_country ON actors(country);
        CREATE TABLE actor_mentions (
            document_id {d.text} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            actor_id {d.text} NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text {d.text} NOT NULL, how {d.text},
            PRIMARY KEY (document_id, start, "end", actor_id)
        );
        CREATE INDEX actor_mentions_actor ON actor_mentions(actor_id);

        -- one row per event mention; cluster_id is the real-world event it belongs to
        CREATE TABLE events (
            id {d.text} PRIMARY KEY,
            document_id {d.text} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            cluster_id {d.text} NOT NULL,
            type {d.text} NOT NULL, modality {d.text} NOT NULL, quad_class INTEGER,
            date_start {d.text}, date_end {d.text},
            data {d.text} NOT NULL
        );
        CREATE INDEX events_document ON events(document_id);
        CREATE INDEX events_cluster ON events(cluster_id);
        CREATE INDEX events_type_date ON events(type, date_start);
        CREATE INDEX events_date ON events(date_start);
        CREATE TABLE event_actors (
            event_id {d.text} NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            actor_id {d.text} NOT NULL,
            country {d.text},
            role {d.text} NOT NULL,  -- 'source' | 'target' | 'attribution'
            PRIMARY KEY (event_id, actor_id, role)
        );
        CREATE INDEX event_actors_actor ON event_actors(actor_id, role);
        CREATE INDEX event_actors_country ON event_actors(country, role);

        CREATE TABLE quantities (
            id {d.text} PRIMARY KEY,
            document_id {d.text} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            data {d.text} NOT NULL
        );
        CREATE INDEX quantities_document ON quantities(document_id);
        CREATE TABLE claims (
            id {d.text} PRIMARY KEY,
            document_id {d.text} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            speaker {d.text},
            data {d.text} NOT NULL
        );
        CREATE INDEX claims_document ON claims(document_id);
        CREATE TABLE times (
            document_id {d.text} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            data {d.text} NOT NULL,
            PRIMARY KEY (document_id, start, "end")
        );
"""
    return tables + d.variant(postgresql=f"""
        ALTER TABLE documents ADD COLUMN fts tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('{TS_CONFIG}'::regconfig, COALESCE(title, '')), 'A')
            || setweight(to_tsvector('{TS_CONFIG}'::regconfig, left(text, {TS_MAX_CHARS})), 'B')
        ) STORED;
        CREATE INDEX documents_fts ON documents USING GIN (fts);
""", sqlite="""
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, text, content='documents', content_rowid='rowid'
        );
        CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
""")


def _m002_analysis_search(d: Dialect) -> str:
    # full-text search over quotes and event evidence, and an index for quantity disputes
    return d.variant(postgresql=f"""
        CREATE INDEX quantities_measure ON quantities({d.json_field('data', 'measure')});

        ALTER TABLE claims ADD COLUMN fts tsvector GENERATED ALWAYS AS (
            to_tsvector('{TS_CONFIG}'::regconfig, COALESCE({d.json_field('data', 'text')}, ''))
        ) STORED;
        CREATE INDEX claims_fts ON claims USING GIN (fts);

        -- the event's type and trigger, and the text of every sentence reporting it
        ALTER TABLE events ADD COLUMN fts tsvector GENERATED ALWAYS AS (
            to_tsvector('{TS_CONFIG}'::regconfig, type || ' ' || COALESCE({d.json_field('data', 'trigger')}, ''))
            || to_tsvector('{TS_CONFIG}'::regconfig,
                           jsonb_path_query_array(CAST(data AS jsonb), '$.mentions[*].text'))
        ) STORED;
        CREATE INDEX events_fts ON events USING GIN (fts);
""",
    # the BEFORE INSERT triggers keep FTS rows right under INSERT OR REPLACE (which does
    # not fire delete triggers)
                     sqlite="""
        CREATE INDEX quantities_measure ON quantities(json_extract(data, '$.measure'));

        CREATE VIRTUAL TABLE claims_fts USING fts5(text);
        CREATE TRIGGER claims_fts_bi BEFORE INSERT ON claims BEGIN
            DELETE FROM claims_fts WHERE rowid IN (SELECT rowid FROM claims WHERE id = new.id);
        END;
        CREATE TRIGGER claims_fts_ai AFTER INSERT ON claims BEGIN
            INSERT INTO claims_fts(rowid, text) VALUES (new.rowid, json_extract(new.data, '$.text'));
        END;
        CREATE TRIGGER claims_fts_ad AFTER DELETE ON claims BEGIN
            DELETE FROM claims_fts WHERE rowid = old.rowid;
        END;
        INSERT INTO claims_fts(rowid, text) SELECT rowid, json_extract(data, '$.text') FROM claims;

        CREATE VIRTUAL TABLE events_fts USING fts5(text);
        CREATE TRIGGER events_fts_bi BEFORE INSERT ON events BEGIN
            DELETE FROM events_fts WHERE rowid IN (SELECT rowid FROM events WHERE id = new.id);
        END;
        CREATE TRIGGER events_fts_ai AFTER INSERT ON events BEGIN
            INSERT INTO events_fts(rowid, text) VALUES (new.rowid,
                new.type || ' ' || COALESCE(json_extract(new.data, '$.trigger'), '') || ' '
                || COALESCE((SELECT group_concat(json_extract(m.value, '$.text'), ' ')
                             FROM json_each(new.data, '$.mentions') m), ''));
        END;
        CREATE TRIGGER events_fts_ad AFTER DELETE ON events BEGIN
            DELETE FROM events_fts WHERE rowid = old.rowid;
        END;
        INSERT INTO events_fts(rowid, text) SELECT e.rowid,
            e.type || ' ' || COALESCE(json_extract(e.data, '$.trigger'), '') || ' '
            || COALESCE((SELECT group_concat(json_extract(m.value, '$.text'), ' ')
                         FROM json_each(e.data, '$.mentions') m), '')
            FROM events e;
""")


def _m003_dyads(d: Dialect) -> str:
    # events by pair of states with their real-world event's lead attributes, a monthly
    # roll-up, quantities by subject, and quantities by measure and date (see dyads.py)
    measure, day = d.json_field("data", "measure"), d.json_path("data", "date", "value")
    return dyads.create_sql(d) + f"""
        CREATE TABLE quantity_subjects (
            subject {d.text} NOT NULL,
            quantity_id {d.text} NOT NULL REFERENCES quantities(id) ON DELETE CASCADE,
            PRIMARY KEY (subject, quantity_id)
        );
        CREATE INDEX quantity_subjects_quantity ON quantity_subjects(quantity_id);
        INSERT INTO quantity_subjects(subject, quantity_id)
        SELECT DISTINCT j.value, q.id FROM quantities q, {d.json_array_values('q.data', 'subjects')}
        WHERE j.value IS NOT NULL;
        CREATE INDEX quantities_measure_date ON quantities({measure}, {day});
""" + dyads.backfill_sql(d, tie=False)


def _m004_ties(d: Dialect) -> str:
    # the standing tie each event mention names, kept by the writer and copied into its dyad
    # rows; store_meta records what it was computed with (see dyads.refresh_ties)
    return f"""
        ALTER TABLE events ADD COLUMN tie {d.text};
        ALTER TABLE event_dyads ADD COLUMN tie {d.text};
        CREATE INDEX event_dyads_tie ON event_dyads(a, b, tie) WHERE tie IS NOT NULL;
        CREATE TABLE store_meta (name {d.text} PRIMARY KEY, value {d.text} NOT NULL);
"""


def _m005_positions(d: Dialect) -> str:
    # who holds what on which issue, when (detente.positions): the line columns (holder,
    # its state, issue, target) and the date are what `detente positions` and the
    # window of `detente changes` filter on; the rest stays in the detente/1 JSON
    return f"""
        CREATE TABLE positions (
            id {d.text} PRIMARY KEY,
            document_id {d.text} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            actor_id {d.text} NOT NULL,
            state {d.text},
            issue {d.text} NOT NULL,
            stance {d.text} NOT NULL,
            target {d.text},
            modality {d.text} NOT NULL,
            date_start {d.text}, date_end {d.text},
            data {d.text} NOT NULL
        );
        CREATE INDEX positions_document ON positions(document_id);
        CREATE INDEX positions_actor ON positions(actor_id, issue);
        CREATE INDEX positions_state ON positions(state, issue);
        CREATE INDEX positions_issue_date ON positions(issue, date_start);
"""


def _m006_query_indexes(d: Dialect) -> str:
    # fusion's candidates (a state's mentions of some types and a modality in a window) read
    # only those types' index range, not every mention of the state in the window; a pair's
    # key events are grouped per real-world event from the index alone (every column read
    # is in it), and a pair's or a state's whole timeline is counted, ordered and paged from
    # it too, not from the table's rows
    return """
        CREATE INDEX event_dyads_type ON event_dyads(a, b, type, modality, span, day, date_end);
        CREATE INDEX event_dyads_lead ON event_dyads(a, b, lead_modality, modality, cluster_id, intensity,
                                                  lead_start, lead_end, type);
"""


def _m007_network(d: Dialect) -> str:
    # the interaction network's all-time answer, per level and pair, kept by the writer
    # (see links.py); its rows are filled by the Python step
    return links.create_sql(d)


def _m008_counts(d: Dialect) -> str:
    # event mentions by type and modality and the real-world events, for the store's
    # statistics (see counts.py), and SUM(words) over an index instead of the texts
    return counts.create_sql(d) + counts.backfill_sql()


def _m009_home_indexes(d: Dialect) -> str:
    # the home page's latest documents in the list's own order (no sort of every document),
    # and the network roll-up's busiest nodes and edges by events (see links.top)
    return """
        CREATE INDEX documents_latest ON documents((published IS NULL), published DESC, id);
        CREATE INDEX network_links_nodes ON network_links(level, events) WHERE b = '';
        CREATE INDEX network_links_edges ON network_links(level, events) WHERE b <> '';
"""


def _m010_timeline_leads(d: Dialect) -> str:
    # each real-world event's lead in timeline order, under '' and under each state it involves,
    # and their counts: a page of every event, or of a state over all time, is one range (see leads.py)
    return leads.create_sql(d) + leads.backfill_sql(d)


def _m011_pasts(d: Dialect) -> str:
    # what came before a window per pair of states (counts by year and month, the events that may
    # name a tie or be a visit), kept by the writer with the network roll-up (see pasts.py; its
    # rows are filled by the Python step), and each actor's first publication date (firsts.py)
    return pasts.create_sql(d) + firsts.create_sql(d) + firsts.backfill_sql()


def _backfill_pasts(db: DB) -> None:
    pasts.backfill(db, links.merged_events)


def _m012_search_order_network_months(d: Dialect) -> str:
    # full-text search ranks a common word's newest matches (see fts.py): SQLite reads them in
    # its FTS tables' rowid order; PostgreSQL numbers the rows as they are stored (existing rows
    # in table order) and reads a word's newest matches by that number.  The network roll-up per
    # calendar month (see links.py; its rows are filled by the Python step)
    return links.create_months_sql(d) + d.variant(sqlite="", postgresql="""
        ALTER TABLE documents ADD COLUMN seq BIGSERIAL;
        ALTER TABLE claims ADD COLUMN seq BIGSERIAL;
        ALTER TABLE events ADD COLUMN seq BIGSERIAL;
        CREATE INDEX documents_seq ON documents(seq);
        CREATE INDEX claims_seq ON claims(seq);
        CREATE INDEX events_seq ON events(seq);
""")


def _m013_timeline_pairs(d: Dialect) -> str:
    # migration 10's rows rebuilt: each with its lead's quad class (a quad class filter is one more
    # condition on the range), and a key per pair of states (a pair's all-time page is one range)
    return leads.upgrade_sql(d)


def _m014_actor_counts(d: Dialect) -> str:
    # each actor's mention and document counts, kept by the writer (see mentioned.py): the actor list
    # reads one row per actor instead of every mention of the store
    return mentioned.create_sql(d) + mentioned.backfill_sql()


def _m015_pair_reports(d: Dialect) -> str:
    # migration 13's rows rebuilt with each pair's reports and intensity per event: a pair's most
    # reported events are the first rows of an index (see leads.py)
    return leads.upgrade_sql(d)


def _m016_fused_events(d: Dialect) -> str:
    # each real-world event merged once, kept by the writer (see fused.py; its rows are filled by the
    # Python step): a page of events reads one row per event instead of merging its versions
    return fused.create_sql(d)


def _m017_event_ranks(d: Dialect) -> str:
    # what a briefing ranks each real-world event by, beside its merge (see ranks.py; its rows are filled
    # by the Python step): a briefing parses only the events it shows
    return ranks.create_sql(d)


def _m018_state_ranks(d: Dialect) -> str:
    # each state's events in the order a briefing of its whole time ranks them (see state_ranks.py; its
    # rows are filled by the Python step): the briefing reads its first rows, not every event of the state
    return state_ranks.create_sql(d)


def _m019_claim_dates(d: Dialect) -> str:
    # each claim keeps its report's publication date (the writer copies it; a document's date never
    # changes): a window's claims, and a speaker's claims before it, are ranges of the claims' own indexes
    return f"""
        ALTER TABLE claims ADD COLUMN published {d.text};
        UPDATE claims SET published = (SELECT d.published FROM documents d WHERE d.id = claims.document_id);
        CREATE INDEX claims_published ON claims(published);
        CREATE INDEX claims_speaker_published ON claims(speaker, published);
"""


def _m020_pair_windows(d: Dialect) -> str:
    # each pair's counts before every period beside the period's own, and each pair's events by day
    # (see pasts.py; pair_events is filled by the Python step): a window's pairs, what they did before
    # and a pair's first events are ranges of these tables, not a read of every event of the window
    return pasts.upgrade_sql(d)


def _m021_state_rank_days(d: Dialect) -> str:
    # migration 18's rows by state and start day, covering what a briefing ranks them by: a briefing of
    # one state's window reads the events starting in it as one range (see state_ranks.py)
    return state_ranks.day_index_sql()


def _m022_event_periods(d: Dialect) -> str:
    # the asserted dated real-world events of each year and month, kept by the writer with migration 11's
    # per-pair counts (see pasts.py): how many events a window holds is a few rows and its edge days
    return pasts.periods_sql(d)


def _m023_mark_flags(d: Dialect) -> str:
    # what each of migration 11's marks is to the pair's earlier marks (its tie named first, a tie named
    # before, the latest visit before), kept by the writer (see pasts.py; filled by the Python step): a
    # window's new and broken ties and visits after a gap are read from its own marks
    return pasts.flags_sql(d)


# Python steps run after a migration's SQL, in its transaction (a roll-up whose
# order SQL aggregates do not guarantee on every supported SQLite)
POST_MIGRATION: dict[int, Callable[[DB], None]] = {3: dyads.fill_periods, 4: dyads.refresh_ties,
                                                  7: links.backfill, 11: _backfill_pasts,
                                                  12: links.backfill_months, 16: fused.backfill,
                                                  17: ranks.backfill, 18: state_ranks.backfill,
                                                  20: pasts.backfill_events, 23: pasts.backfill_flags}

# (version, name, function of the dialect returning the migration's SQL). Append only.
MIGRATIONS: list[tuple[int, str, Callable[[Dialect], str]]] = [
    (1, "initial schema", _m001_initial),
    (2, "search over claims and events; quantity measure index", _m002_analysis_search),
    (3, "events by pair of states, monthly roll-up, quantities by subject and date", _m003_dyads),
    (4, "the standing tie each event names, indexed by pair of states", _m004_ties),
    (5, "positions: who holds what on which issue, when", _m005_positions),
    (6, "indexes for fusion's candidates and a pair's key events", _m006_query_indexes),
    (7, "the interaction network's roll-up by level and pair", _m007_network),
    (8, "event counts by type and modality; documents' words index", _m008_counts),
    (9, "indexes for the home page: latest documents, busiest network rows", _m009_home_indexes),
    (10, "each real-world event's lead in timeline order, overall and per state", _m010_timeline_leads),
    (11, "what came before a window per pair of states; each actor's first publication date", _m011_pasts),
    (12, "full-text search's storing order on PostgreSQL; the network roll-up per month",
     _m012_search_order_network_months),
    (13, "the timeline order with the lead's quad class, and per pair of states", _m013_timeline_pairs),
    (14, "each actor's mention and document counts", _m014_actor_counts),
    (15, "the timeline order with a pair's reports per event", _m015_pair_reports),
    (16, "each real-world event merged once", _m016_fused_events),
    (17, "what a briefing ranks each real-world event by", _m017_event_ranks),
    (18, "each state's events in a briefing's order", _m018_state_ranks),
    (19, "each claim's report date, by itself and per speaker", _m019_claim_dates),
    (20, "each pair's counts before every period; each pair's events by day", _m020_pair_windows),
    (21, "a state's events by start day with what a briefing ranks them by", _m021_state_rank_days),
    (22, "the events of each year and month", _m022_event_periods),
    (23, "what each event naming a tie or visiting is to the pair's earlier ones", _m023_mark_flags),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]

__all__ = ["CREATE_MIGRATIONS_TABLE", "MIGRATIONS", "POST_MIGRATION", "SCHEMA_VERSION", "TS_CONFIG", "TS_MAX_CHARS"]
