-- Firstline's collections on PostgreSQL (see bot/storage/postgres/pgRepository.ts).
--
-- Every collection table has the same core: the record's id, the record itself as jsonb (validated by the
-- collection's zod schema before it is written), and a version taken from one sequence for the whole
-- database, so versions only grow — also across a delete and a re-insert of the same id. Change
-- notifications carry (collection, id, version); an instance fetches the row only when the version is newer
-- than the one in its view.
--
-- The other columns are generated from the record: what SQL must find (status, organisation, conversation,
-- due time, lease owner and expiry, …), with the indexes those queries need. They can never disagree with the
-- record, and writers never set them.

CREATE SEQUENCE firstline_version AS bigint;

-- The core of a collection table, for later migrations that add a collection:
--   SELECT firstline_create_collection('widgets');
--   ALTER TABLE widgets ADD COLUMN status text GENERATED ALWAYS AS (data ->> 'status') STORED;
CREATE FUNCTION firstline_create_collection(name text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format(
    'CREATE TABLE IF NOT EXISTS %I (
       id text PRIMARY KEY,
       version bigint NOT NULL,
       data jsonb NOT NULL,
       written_at timestamptz NOT NULL DEFAULT now()
     )',
    name
  );
END
$$;

CREATE TABLE cases (
  id text PRIMARY KEY,
  version bigint NOT NULL,
  data jsonb NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now(),
  status text GENERATED ALWAYS AS (data ->> 'status') STORED,
  organisation_id text GENERATED ALWAYS AS (data ->> 'organisationId') STORED,
  contact_user_id text GENERATED ALWAYS AS (data ->> 'contactUserId') STORED,
  conversation_id text GENERATED ALWAYS AS (data #>> '{conversation,conversation,id}') STORED,
  assigned_agent_id text GENERATED ALWAYS AS (data ->> 'assignedAgentId') STORED,
  handoff_channel text GENERATED ALWAYS AS (data ->> 'handoffChannel') STORED,
  priority_score double precision GENERATED ALWAYS AS ((data #>> '{priority,score}')::double precision) STORED,
  queued_at text GENERATED ALWAYS AS (data ->> 'queuedAt') STORED,
  incident_id text GENERATED ALWAYS AS (data ->> 'incidentId') STORED,
  follow_up_due_at text GENERATED ALWAYS AS (data #>> '{followUp,dueAt}') STORED,
  idle_notice text GENERATED ALWAYS AS (data #>> '{idleClose,notice}') STORED,
  claimed_by text GENERATED ALWAYS AS (data #>> '{idleClose,claimedBy}') STORED,
  lease_until text GENERATED ALWAYS AS (data #>> '{idleClose,leaseUntil}') STORED,
  updated_at text GENERATED ALWAYS AS (data ->> 'updatedAt') STORED
);
CREATE INDEX cases_status ON cases (status);
CREATE INDEX cases_organisation ON cases (organisation_id);
CREATE INDEX cases_contact ON cases (contact_user_id);
CREATE INDEX cases_open_conversation ON cases (conversation_id)
  WHERE status IN ('open', 'waiting_customer', 'queued', 'with_agent');
CREATE INDEX cases_agent ON cases (assigned_agent_id) WHERE assigned_agent_id IS NOT NULL;
CREATE INDEX cases_desk_queue ON cases (priority_score DESC, queued_at, id)
  WHERE status = 'queued' AND handoff_channel IS DISTINCT FROM 'contact_centre';
CREATE INDEX cases_incident ON cases (incident_id) WHERE incident_id IS NOT NULL;
CREATE INDEX cases_idle_by_age ON cases (updated_at, id) WHERE status = 'open';
CREATE INDEX cases_idle_notice ON cases (idle_notice, lease_until) WHERE idle_notice IN ('pending', 'sending');

CREATE TABLE counters (
  id text PRIMARY KEY,
  version bigint NOT NULL,
  data jsonb NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organisations (
  id text PRIMARY KEY,
  version bigint NOT NULL,
  data jsonb NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id text PRIMARY KEY,
  version bigint NOT NULL,
  data jsonb NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now(),
  organisation_id text GENERATED ALWAYS AS (data ->> 'organisationId') STORED,
  aad_object_id text GENERATED ALWAYS AS (data ->> 'aadObjectId') STORED
);
CREATE INDEX users_organisation ON users (organisation_id);
CREATE INDEX users_aad_object ON users (aad_object_id) WHERE aad_object_id IS NOT NULL;

CREATE TABLE sims (
  id text PRIMARY KEY,
  version bigint NOT NULL,
  data jsonb NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now(),
  organisation_id text GENERATED ALWAYS AS (data ->> 'organisationId') STORED,
  msisdn text GENERATED ALWAYS AS (data ->> 'msisdn') STORED,
  imsi text GENERATED ALWAYS AS (data ->> 'imsi') STORED
);
CREATE INDEX sims_organisation ON sims (organisation_id);
CREATE INDEX sims_msisdn ON sims (msisdn) WHERE msisdn IS NOT NULL;
CREATE INDEX sims_imsi ON sims (imsi) WHERE imsi IS NOT NULL;

CREATE TABLE schedules (
  id text PRIMARY KEY,
  version bigint NOT NULL,
  data jsonb NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now(),
  case_id text GENERATED ALWAYS AS (data ->> 'caseId') STORED,
  status text GENERATED ALWAYS AS (data ->> 'status') STORED,
  due_at text GENERATED ALWAYS AS (data ->> 'dueAt') STORED,
  claimed_by text GENERATED ALWAYS AS (data ->> 'claimedBy') STORED,
  lease_until text GENERATED ALWAYS AS (data ->> 'leaseUntil') STORED
);
CREATE INDEX schedules_due ON schedules (due_at) WHERE status = 'pending';
CREATE INDEX schedules_claims ON schedules (lease_until) WHERE status = 'sending';
CREATE INDEX schedules_case ON schedules (case_id);

CREATE TABLE incidents (
  id text PRIMARY KEY,
  version bigint NOT NULL,
  data jsonb NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now(),
  status text GENERATED ALWAYS AS (data ->> 'status') STORED
);
CREATE INDEX incidents_open ON incidents (status) WHERE status <> 'resolved';

CREATE TABLE incident_notices (
  id text PRIMARY KEY,
  version bigint NOT NULL,
  data jsonb NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now(),
  incident_id text GENERATED ALWAYS AS (data ->> 'incidentId') STORED,
  organisation_id text GENERATED ALWAYS AS (data ->> 'organisationId') STORED,
  conversation_key text GENERATED ALWAYS AS (data ->> 'conversationKey') STORED,
  status text GENERATED ALWAYS AS (data ->> 'status') STORED,
  due_at text GENERATED ALWAYS AS (data ->> 'dueAt') STORED,
  claimed_by text GENERATED ALWAYS AS (data ->> 'claimedBy') STORED,
  lease_until text GENERATED ALWAYS AS (data ->> 'leaseUntil') STORED
);
CREATE INDEX incident_notices_incident ON incident_notices (incident_id, status);
CREATE INDEX incident_notices_due ON incident_notices (due_at) WHERE status = 'pending';
CREATE INDEX incident_notices_claims ON incident_notices (lease_until) WHERE status = 'sending';

CREATE TABLE contacts (
  id text PRIMARY KEY,
  version bigint NOT NULL,
  data jsonb NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now(),
  organisation_id text GENERATED ALWAYS AS (data ->> 'organisationId') STORED,
  conversation_id text GENERATED ALWAYS AS (data ->> 'conversationId') STORED,
  at text GENERATED ALWAYS AS (data ->> 'at') STORED
);
CREATE INDEX contacts_organisation ON contacts (organisation_id, at);
CREATE INDEX contacts_at ON contacts (at);

CREATE TABLE conversation_refs (
  id text PRIMARY KEY,
  version bigint NOT NULL,
  data jsonb NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now(),
  organisation_id text GENERATED ALWAYS AS (data ->> 'organisationId') STORED,
  user_id text GENERATED ALWAYS AS (data ->> 'userId') STORED
);
CREATE INDEX conversation_refs_organisation ON conversation_refs (organisation_id);

CREATE TABLE agent_tokens (
  id text PRIMARY KEY,
  version bigint NOT NULL,
  data jsonb NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now(),
  agent_id text GENERATED ALWAYS AS (data ->> 'agentId') STORED
);
CREATE INDEX agent_tokens_agent ON agent_tokens (agent_id);

CREATE TABLE desk_agents (
  id text PRIMARY KEY,
  version bigint NOT NULL,
  data jsonb NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now(),
  active_case_id text GENERATED ALWAYS AS (data ->> 'activeCaseId') STORED
);
CREATE INDEX desk_agents_active_case ON desk_agents (active_case_id) WHERE active_case_id IS NOT NULL;

-- Bot Framework conversation and user state (botbuilder Storage): one row per state key, with its eTag.
CREATE TABLE bot_state (
  key text PRIMARY KEY,
  etag text NOT NULL,
  data jsonb NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now()
);

-- Keyed documents read on demand (KeyedDocuments): data too large to keep in memory, by collection and key.
CREATE TABLE documents (
  collection text NOT NULL,
  key text NOT NULL,
  etag text NOT NULL,
  data jsonb NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (collection, key)
);
