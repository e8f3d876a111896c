-- Background tasks (docs/architecture.md, "Background tasks"): work a request starts and its user follows — a
-- bulletin's figures today. The process that accepted the request runs the task and writes its progress here; a
-- running task whose updated_at stops moving (its process is gone) reads as interrupted. Finished tasks are deleted
-- after a week by the task_cleanup job.
CREATE TABLE tasks (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind        text NOT NULL,
  state       text NOT NULL CHECK (state IN ('running', 'succeeded', 'failed')),
  progress    integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  step        text NOT NULL,
  result      jsonb,
  error       jsonb,
  created_by  uuid NOT NULL REFERENCES users (id),
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  finished_at timestamptz
);
CREATE INDEX tasks_finished_idx ON tasks (finished_at) WHERE finished_at IS NOT NULL;
