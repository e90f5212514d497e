-- Collections of the agent console (issue 13): the desk's offers of queued cases, and console sign-in sessions.

SELECT firstline_create_collection('desk_offers');
ALTER TABLE desk_offers
  ADD COLUMN agent_id text GENERATED ALWAYS AS (data ->> 'agentId') STORED,
  ADD COLUMN expires_at text GENERATED ALWAYS AS (data ->> 'expiresAt') STORED;
CREATE INDEX desk_offers_agent ON desk_offers (agent_id, expires_at) WHERE agent_id IS NOT NULL;

SELECT firstline_create_collection('console_sessions');
ALTER TABLE console_sessions
  ADD COLUMN agent_id text GENERATED ALWAYS AS (data ->> 'agentId') STORED,
  ADD COLUMN token_hash text GENERATED ALWAYS AS (data ->> 'tokenHash') STORED,
  ADD COLUMN expires_at text GENERATED ALWAYS AS (data ->> 'expiresAt') STORED;
CREATE INDEX console_sessions_agent ON console_sessions (agent_id);
CREATE INDEX console_sessions_token ON console_sessions (token_hash) WHERE token_hash IS NOT NULL;
CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);
