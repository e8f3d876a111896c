/** Row types of the tables, for Kysely. Keep in step with migrations/ (a test compares them with the live schema). */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<Record<string, unknown> | null, string | null, string | null>;

export interface UnitsTable {
  id: Generated<string>;
  code: string;
  name_zh: string;
  name_en: string;
  short_name: string;
  type: string;
  parent_id: string | null;
  path: string;
  depth: number;
  division_code: string | null;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface EnterprisesTable {
  id: Generated<string>;
  uscc: string | null;
  name_zh: string;
  name_en: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface InstitutesTable {
  id: Generated<string>;
  name_zh: string;
  name_en: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  unit_id: string | null;
  enterprise_id: string | null;
  institute_id: string | null;
  roles: string[];
  phone: string | null;
  email: string | null;
  status: Generated<string>;
  password_hash: string;
  must_change_password: Generated<boolean>;
  password_changed_at: Timestamp;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  last_login_at: Timestamp | null;
  previous_login_at: Timestamp | null;
  locale: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  permissions: string[];
  expires_at: Timestamp;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginFailuresTable {
  id: Generated<string>;
  ip: string;
  username: string;
  at: Timestamp;
}

export interface AuditEventsTable {
  id: string;
  at: Timestamp;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  token_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  unit_id: string | null;
  before: Json;
  after: Json;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}

type JsonValue = ColumnType<unknown, string, string>;
type Bigserial = ColumnType<string, string | undefined, never>;

export interface CalendarDaysTable {
  day: ColumnType<string, string, string>;
  kind: string;
  name: Generated<string>;
  updated_at: Generated<Date>;
}

export interface CalendarYearsTable {
  year: number;
  source: string;
  notice: Generated<string>;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

export interface SettingsTable {
  key: string;
  value: JsonValue;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

export interface DictionaryEntriesTable {
  id: Generated<string>;
  dict: string;
  code: string;
  name_zh: string;
  name_en: string;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

export interface CountersTable {
  scope: string;
  year: number;
  value: number;
}

export interface ItemsTable {
  id: Generated<string>;
  year: number;
  seq: number;
  title: string;
  description: Generated<string>;
  category: string;
  source: string;
  source_ref: Generated<string>;
  priority: string;
  state: string;
  county_unit_id: string | null;
  lead_unit_id: string | null;
  raised_by_user_id: string;
  raised_by_unit_id: string | null;
  enterprise_id: string | null;
  tags: Generated<string[]>;
  dispatched_at: Timestamp | null;
  sign_by: Timestamp | null;
  signed_at: Timestamp | null;
  deadline: Timestamp | null;
  original_deadline: Timestamp | null;
  yellow_at: Timestamp | null;
  escalate_yellow_at: Timestamp | null;
  escalate_red_at: Timestamp | null;
  resolved_at: Timestamp | null;
  closed_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  light_notified: Generated<string>;
  sign_overdue_notified: Generated<boolean>;
  escalation: string | null;
  urge_count: Generated<number>;
  redo_count: Generated<number>;
  extension_count: Generated<number>;
  flagged_for_meeting: Generated<boolean>;
  answer: string | null;
  rating: number | null;
  rating_comment: string | null;
  rated_at: Timestamp | null;
  merged_into_id: string | null;
  cancel_reason: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ItemCoUnitsTable {
  item_id: string;
  unit_id: string;
  status: Generated<string>;
  contribution: string | null;
  done_at: Timestamp | null;
  done_by: string | null;
  /** Copies of the item's columns the queue filters on, kept by triggers (migration 0004): never written here. */
  item_state: Generated<string>;
  item_lead_unit_id: Generated<string | null>;
  item_deadline: Generated<Timestamp | null>;
  item_yellow_at: Generated<Timestamp | null>;
}

export interface ItemEventsTable {
  id: Bigserial;
  item_id: string;
  at: Timestamp;
  actor_user_id: string | null;
  actor_unit_id: string | null;
  action: string;
  from_state: string | null;
  to_state: string | null;
  note: Generated<string>;
  data: Json;
  public: Generated<boolean>;
}

export interface ItemAttachmentsTable {
  id: Generated<string>;
  item_id: string;
  event_id: string | null;
  file_name: string;
  content_type: string;
  size: ColumnType<string, number, number>;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  unit_id: string | null;
  created_at: Timestamp;
}

export interface ItemExtensionsTable {
  id: Generated<string>;
  item_id: string;
  requested_by: string;
  requested_at: Timestamp;
  reason: string;
  requested_deadline: Timestamp;
  state: Generated<string>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
}

export interface ItemUrgesTable {
  id: Generated<string>;
  item_id: string;
  unit_id: string;
  by_user: string | null;
  at: Timestamp;
  note: Generated<string>;
}

export interface ItemEscalationsTable {
  id: Generated<string>;
  item_id: string;
  level: string;
  auto: boolean;
  by_user: string | null;
  at: Timestamp;
  reason: Generated<string>;
}

export interface OrdersTable {
  id: Generated<string>;
  year: number;
  seq: number | null;
  number: string | null;
  title: string;
  requirements: Generated<string>;
  feedback_due: ColumnType<string | null, string | null, string | null>;
  state: string;
  issuer_user_id: string;
  issuer_unit_id: string | null;
  meeting_id: string | null;
  issued_at: Timestamp | null;
  completed_at: Timestamp | null;
  withdrawn_at: Timestamp | null;
  withdraw_reason: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface OrderItemsTable {
  order_id: string;
  item_id: string;
  position: number;
}

export interface OrderUnitsTable {
  order_id: string;
  unit_id: string;
  role: string;
  confirmed_at: Timestamp | null;
  confirmed_by: string | null;
}

export interface MeetingsTable {
  id: Generated<string>;
  year: number;
  seq: number;
  type: string;
  title: string;
  held_at: Timestamp;
  place: Generated<string>;
  chair: Generated<string>;
  attending_unit_ids: Generated<string[]>;
  state: Generated<string>;
  minutes: Generated<string>;
  created_by: string;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface MeetingAgendaTable {
  id: Generated<string>;
  meeting_id: string;
  position: number;
  item_id: string | null;
  unit_id: string | null;
  topic: string;
  reason: string;
  decision_kind: string | null;
  decision: Generated<string>;
  created_item_id: string | null;
  order_id: string | null;
  version: Generated<number>;
}

export interface NotificationsTable {
  id: Bigserial;
  user_id: string;
  event_type: string;
  entity_type: string;
  entity_id: string | null;
  params: Generated<JsonValue>;
  dedupe_key: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface NotificationPrefsTable {
  user_id: string;
  event_type: string;
  in_app: boolean;
}

export interface UnitWebhooksTable {
  id: Generated<string>;
  unit_id: string;
  kind: string;
  name: string;
  url: string;
  secret: string | null;
  event_types: Generated<string[]>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: Bigserial;
  webhook_id: string;
  dedupe_key: string;
  event_type: string;
  payload: JsonValue;
  state: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  last_status: number | null;
  sent_at: Timestamp | null;
  created_at: Timestamp;
}

export interface JobSchedulesTable {
  name: string;
  interval_secs: number;
  next_run_at: Timestamp;
  last_run_at: Timestamp | null;
  last_ok: boolean | null;
  last_error: string | null;
  last_summary: Json;
  runs: Generated<number>;
}

export interface ImportsTable {
  id: Generated<string>;
  type: string;
  file_name: string;
  file_hash: string;
  rows_total: number;
  rows_invalid: number;
  state: string;
  summary: Generated<JsonValue>;
  payload: ColumnType<unknown, string | null, string | null>;
  created_by: string;
  created_at: Timestamp;
  committed_at: Timestamp | null;
}

export interface BulletinsTable {
  id: Generated<string>;
  year: number | null;
  seq: number | null;
  number: string | null;
  period_kind: string;
  period_from: ColumnType<string, string, string>;
  period_to: ColumnType<string, string, string>;
  title: string;
  state: string;
  sections: ColumnType<unknown, string, string>;
  computed_at: Timestamp;
  text: ColumnType<unknown, string, string>;
  version: Generated<number>;
  created_by: string;
  created_unit_id: string | null;
  created_at: CreatedAt;
  updated_by: string;
  updated_at: Timestamp;
  published_by: string | null;
  published_at: Timestamp | null;
  withdrawn_by: string | null;
  withdrawn_at: Timestamp | null;
  withdraw_reason: string | null;
}

export interface BulletinVersionsTable {
  bulletin_id: string;
  version: number;
  title: string;
  text: ColumnType<unknown, string, string>;
  by_user: string;
  at: Timestamp;
}

export interface BulletinReadsTable {
  bulletin_id: string;
  user_id: string;
  unit_id: string | null;
  first_read_at: Timestamp;
}

export interface TasksTable {
  id: Generated<string>;
  kind: string;
  state: string;
  progress: Generated<number>;
  step: string;
  result: ColumnType<unknown, string | null, string | null>;
  error: ColumnType<unknown, string | null, string | null>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface IndicatorsTable {
  id: Generated<string>;
  code: string;
  name_zh: string;
  name_en: string;
  measure_unit: string;
  frequency: string;
  kind: string;
  direction: string;
  decimals: number;
  additive: boolean;
  responsible_unit_id: string | null;
  definition: Generated<string>;
  source: Generated<string>;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface IndicatorTargetsTable {
  id: Generated<string>;
  indicator_id: string;
  unit_id: string;
  year: number;
  kind: string;
  value: number;
  state: string;
  note: Generated<string>;
  version: Generated<number>;
  updated_by: string;
  updated_at: Timestamp;
}

export interface IndicatorTargetChangesTable {
  target_id: string;
  version: number;
  kind: string;
  value: number;
  state: string;
  note: string;
  by_user: string;
  at: Timestamp;
}

export interface IndicatorFiguresTable {
  id: Generated<string>;
  indicator_id: string;
  unit_id: string;
  year: number;
  month: number;
  value: number;
  reported_yoy: number | null;
  source: string;
  import_id: string | null;
  import_row: number | null;
  state: string;
  conflict_value: number | null;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
  verified_by: string | null;
  verified_at: Timestamp | null;
}

export interface IndicatorFigureChangesTable {
  figure_id: string;
  version: number;
  value: number;
  reported_yoy: number | null;
  source: string;
  import_id: string | null;
  import_row: number | null;
  state: string;
  by_user: string | null;
  at: Timestamp;
}

export interface DisplayLinksTable {
  id: Generated<string>;
  name: string;
  prefix: string;
  token_hash: string;
  created_by: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

export interface DB {
  units: UnitsTable;
  enterprises: EnterprisesTable;
  institutes: InstitutesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  audit_events: AuditEventsTable;
  schema_migrations: SchemaMigrationsTable;
  calendar_days: CalendarDaysTable;
  calendar_years: CalendarYearsTable;
  settings: SettingsTable;
  dictionary_entries: DictionaryEntriesTable;
  counters: CountersTable;
  items: ItemsTable;
  item_co_units: ItemCoUnitsTable;
  item_events: ItemEventsTable;
  item_attachments: ItemAttachmentsTable;
  item_extensions: ItemExtensionsTable;
  item_urges: ItemUrgesTable;
  item_escalations: ItemEscalationsTable;
  orders: OrdersTable;
  order_items: OrderItemsTable;
  order_units: OrderUnitsTable;
  meetings: MeetingsTable;
  meeting_agenda: MeetingAgendaTable;
  notifications: NotificationsTable;
  notification_prefs: NotificationPrefsTable;
  unit_webhooks: UnitWebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  job_schedules: JobSchedulesTable;
  imports: ImportsTable;
  bulletins: BulletinsTable;
  bulletin_versions: BulletinVersionsTable;
  bulletin_reads: BulletinReadsTable;
  tasks: TasksTable;
  indicators: IndicatorsTable;
  indicator_targets: IndicatorTargetsTable;
  indicator_target_changes: IndicatorTargetChangesTable;
  indicator_figures: IndicatorFiguresTable;
  indicator_figure_changes: IndicatorFigureChangesTable;
  display_links: DisplayLinksTable;
}

export type UnitRow = Selectable<UnitsTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type AuditRow = Selectable<AuditEventsTable>;
export type ItemRow = Selectable<ItemsTable>;
export type OrderRow = Selectable<OrdersTable>;
export type MeetingRow = Selectable<MeetingsTable>;
export type BulletinRow = Selectable<BulletinsTable>;
export type TaskRow = Selectable<TasksTable>;
export type IndicatorRow = Selectable<IndicatorsTable>;
export type IndicatorFigureRow = Selectable<IndicatorFiguresTable>;
export type IndicatorTargetRow = Selectable<IndicatorTargetsTable>;
