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

-- The core of a collection table — also for later migrations that add a collection:
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

SELECT firstline_create_collection('cases');
ALTER TABLE cases
  ADD COLUMN status text GENERATED ALWAYS AS (data ->> 'status') STORED,
  ADD COLUMN organisation_id text GENERATED ALWAYS AS (data ->> 'organisationId') STORED,
  ADD COLUMN contact_user_id text GENERATED ALWAYS AS (data ->> 'contactUserId') STORED,
  ADD COLUMN conversation_id text GENERATED ALWAYS AS (data #>> '{conversation,conversation,id}') STORED,
  ADD COLUMN assigned_agent_id text GENERATED ALWAYS AS (data ->> 'assignedAgentId') STORED,
  ADD COLUMN handoff_channel text GENERATED ALWAYS AS (data ->> 'handoffChannel') STORED,
  ADD COLUMN priority_score double precision GENERATED ALWAYS AS ((data #>> '{priority,score}')::double precision) STORED,
  ADD COLUMN queued_at text GENERATED ALWAYS AS (data ->> 'queuedAt') STORED,
  ADD COLUMN incident_id text GENERATED ALWAYS AS (data ->> 'incidentId') STORED,
  ADD COLUMN follow_up_due_at text GENERATED ALWAYS AS (data #>> '{followUp,dueAt}') STORED,
  ADD COLUMN idle_notice text GENERATED ALWAYS AS (data #>> '{idleClose,notice}') STORED,
  ADD COLUMN claimed_by text GENERATED ALWAYS AS (data #>> '{idleClose,claimedBy}') STORED,
  ADD COLUMN lease_until text GENERATED ALWAYS AS (data #>> '{idleClose,leaseUntil}') STORED,
  ADD COLUMN updated_at text GENERATED ALWAYS AS (data ->> 'updatedAt') STORED;
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

SELECT firstline_create_collection('counters');

SELECT firstline_create_collection('organisations');

SELECT firstline_create_collection('users');
ALTER TABLE users
  ADD COLUMN organisation_id text GENERATED ALWAYS AS (data ->> 'organisationId') STORED,
  ADD COLUMN aad_object_id text GENERATED ALWAYS AS (data ->> 'aadObjectId') STORED;
CREATE INDEX users_organisation ON users (organisation_id);
CREATE INDEX users_aad_object ON users (aad_object_id) WHERE aad_object_id IS NOT NULL;

SELECT firstline_create_collection('sims');
ALTER TABLE sims
  ADD COLUMN organisation_id text GENERATED ALWAYS AS (data ->> 'organisationId') STORED,
  ADD COLUMN msisdn text GENERATED ALWAYS AS (data ->> 'msisdn') STORED,
  ADD COLUMN imsi text GENERATED ALWAYS AS (data ->> 'imsi') STORED;
CREATE INDEX sims_organisation ON sims (organisation_id);
CREATE INDEX sims_msisdn ON sims (msisdn) WHERE msisdn IS NOT NULL;
CREATE INDEX sims_imsi ON sims (imsi) WHERE imsi IS NOT NULL;

SELECT firstline_create_collection('schedules');
ALTER TABLE schedules
  ADD COLUMN case_id text GENERATED ALWAYS AS (data ->> 'caseId') STORED,
  ADD COLUMN status text GENERATED ALWAYS AS (data ->> 'status') STORED,
  ADD COLUMN due_at text GENERATED ALWAYS AS (data ->> 'dueAt') STORED,
  ADD COLUMN claimed_by text GENERATED ALWAYS AS (data ->> 'claimedBy') STORED,
  ADD COLUMN lease_until text GENERATED ALWAYS AS (data ->> 'leaseUntil') STORED;
CREATE INDEX schedules_due ON schedules (due_at) WHERE status = 'pending';
CREATE INDEX schedules_claims ON schedules (lease_until) WHERE status = 'sending';
CREATE INDEX schedules_case ON schedules (case_id);

SELECT firstline_create_collection('incidents');
ALTER TABLE incidents
  ADD COLUMN status text GENERATED ALWAYS AS (data ->> 'status') STORED;
CREATE INDEX incidents_open ON incidents (status) WHERE status <> 'resolved';

SELECT firstline_create_collection('incident_notices');
ALTER TABLE incident_notices
  ADD COLUMN incident_id text GENERATED ALWAYS AS (data ->> 'incidentId') STORED,
  ADD COLUMN organisation_id text GENERATED ALWAYS AS (data ->> 'organisationId') STORED,
  ADD COLUMN conversation_key text GENERATED ALWAYS AS (data ->> 'conversationKey') STORED,
  ADD COLUMN status text GENERATED ALWAYS AS (data ->> 'status') STORED,
  ADD COLUMN due_at text GENERATED ALWAYS AS (data ->> 'dueAt') STORED,
  ADD COLUMN claimed_by text GENERATED ALWAYS AS (data ->> 'claimedBy') STORED,
  ADD COLUMN lease_until text GENERATED ALWAYS AS (data ->> 'leaseUntil') STORED;
CREATE INDEX incident_notices_incident ON incident_notices (incident_id, status);
CREATE INDEX incident_notices_due ON incident_notices (due_at) WHERE status = 'pending';
CREATE INDEX incident_notices_claims ON incident_notices (lease_until) WHERE status = 'sending';

SELECT firstline_create_collection('contacts');
ALTER TABLE contacts
  ADD COLUMN organisation_id text GENERATED ALWAYS AS (data ->> 'organisationId') STORED,
  ADD COLUMN conversation_id text GENERATED ALWAYS AS (data ->> 'conversationId') STORED,
  ADD COLUMN at text GENERATED ALWAYS AS (data ->> 'at') STORED;
CREATE INDEX contacts_organisation ON contacts (organisation_id, at);
CREATE INDEX contacts_at ON contacts (at);

SELECT firstline_create_collection('conversation_refs');
ALTER TABLE conversation_refs
  ADD COLUMN organisation_id text GENERATED ALWAYS AS (data ->> 'organisationId') STORED,
  ADD COLUMN user_id text GENERATED ALWAYS AS (data ->> 'userId') STORED;
CREATE INDEX conversation_refs_organisation ON conversation_refs (organisation_id);

SELECT firstline_create_collection('agent_tokens');
ALTER TABLE agent_tokens
  ADD COLUMN agent_id text GENERATED ALWAYS AS (data ->> 'agentId') STORED;
CREATE INDEX agent_tokens_agent ON agent_tokens (agent_id);

SELECT firstline_create_collection('desk_agents');
ALTER TABLE desk_agents
  ADD COLUMN active_case_id text GENERATED ALWAYS AS (data ->> 'activeCaseId') STORED;
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
