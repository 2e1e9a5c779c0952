-- Feedback and the question log. Portable SQL (SQLite 3.35+ and PostgreSQL 12+): ids are UUID text, times ISO 8601
-- text in UTC (they sort as they compare), lists JSON text.
CREATE TABLE feedback (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
  comment TEXT,
  citations TEXT NOT NULL DEFAULT '[]',
  mode TEXT,
  refusal_code TEXT,
  index_version TEXT,
  handled_at TEXT
);
CREATE INDEX feedback_at ON feedback (at);

CREATE TABLE question_log (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  question TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'refused')),
  refusal_code TEXT,
  missing TEXT NOT NULL DEFAULT '[]',
  mode TEXT NOT NULL,
  latency_ms INTEGER NOT NULL
);
CREATE INDEX question_log_at ON question_log (at);

-- Imports done once (e.g. an old feedback.jsonl), by a marker naming the file and its content hash.
CREATE TABLE imports (
  marker TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  added INTEGER NOT NULL
);
