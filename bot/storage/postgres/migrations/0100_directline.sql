-- Direct Line conversations, their activity streams and watermarks (bot/directline/postgresStore.ts).
-- A conversation's row is locked by every append, so sequence numbers are gap-free and ordered across
-- instances; activities are trimmed oldest first once kept_bytes exceeds the history budget.

CREATE TABLE directline_conversations (
  id             text        PRIMARY KEY,
  user_id        text        NOT NULL,
  user_name      text,
  locale         text,
  started        boolean     NOT NULL DEFAULT false,
  -- Sequence number the next activity gets; the watermark after an activity is its own number.
  next_seq       bigint      NOT NULL DEFAULT 0,
  -- Sequence number of the oldest activity still kept (everything before it was trimmed).
  kept_from      bigint      NOT NULL DEFAULT 0,
  kept_bytes     bigint      NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- The idle sweep deletes conversations by their last activity.
CREATE INDEX directline_conversations_updated_at ON directline_conversations (updated_at);

CREATE TABLE directline_activities (
  conversation_id text    NOT NULL REFERENCES directline_conversations (id) ON DELETE CASCADE,
  seq             bigint  NOT NULL,
  -- The activity exactly as sent to clients (text, not jsonb: key order and numbers stay as written).
  activity        text    NOT NULL,
  bytes           integer NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);
