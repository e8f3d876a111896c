/**
 * A generated history of the dispatch loop for the demo: the seed's 2025 (26 dispatch meetings, 34 assignment
 * orders, 154 items resolved) and the current year up to now, with realistic lights, urges, cards, extensions,
 * redos and ratings. Pure and deterministic: the same seed, calendar and `now` give the same plan. Every item's life
 * is simulated to its end with the same clock rules the server uses, then cut at `now` — so the open items of today
 * carry the lights and flags their history gives them.
 */
import type { DispatchSettingsT, ItemPriority, ItemSource, ItemState } from '@zaitun/contracts';
import { addWorkingDays, type CalendarData, isWorkingDay, shanghaiDate } from '../modules/calendar/calendar.domain';
import { clocksFor, defaultDeadline, lightOf } from '../modules/items/items.domain';

export interface PlanUnit {
  id: string;
  code: string;
  type: string;
  nameZh: string;
}
export interface PlanInput {
  now: Date;
  cal: CalendarData;
  settings: DispatchSettingsT;
  units: PlanUnit[];
  /** Demo users by role: the office dispatcher, the leader, and unit accounts by unit id. */
  dispatcherId: string;
  leaderId: string;
  unitUsers: Map<string, string>;
  seed?: number;
}

export interface PlanEvent {
  at: Date;
  actorUserId: string | null;
  actorUnitId: string | null;
  action: string;
  from: ItemState | null;
  to: ItemState | null;
  note: string;
  data: Record<string, unknown> | null;
  public: boolean;
}

export interface PlanItem {
  id: number;
  year: number;
  seq: number;
  title: string;
  description: string;
  category: string;
  source: ItemSource;
  sourceRef: string;
  priority: ItemPriority;
  state: ItemState;
  countyUnitId: string | null;
  leadUnitId: string | null;
  coUnits: { unitId: string; status: 'open' | 'done' | 'waived'; contribution: string | null; doneAt: Date | null }[];
  raisedByUserId: string;
  raisedByUnitId: string | null;
  registeredAt: Date;
  dispatchedAt: Date | null;
  signBy: Date | null;
  signedAt: Date | null;
  deadline: Date | null;
  originalDeadline: Date | null;
  yellowAt: Date | null;
  escalateYellowAt: Date | null;
  escalateRedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  cancelledAt: Date | null;
  escalation: 'yellow' | 'red' | null;
  urges: { at: Date; unitId: string }[];
  escalations: { level: 'yellow' | 'red'; at: Date; auto: boolean }[];
  extensions: {
    requestedAt: Date;
    reason: string;
    requested: Date;
    state: 'pending' | 'approved';
    decidedAt: Date | null;
  }[];
  redoCount: number;
  flagged: boolean;
  answer: string | null;
  rating: number | null;
  ratingComment: string | null;
  ratedAt: Date | null;
  cancelReason: string | null;
  lightNotified: 'green' | 'yellow' | 'red';
  signOverdueNotified: boolean;
  events: PlanEvent[];
  updatedAt: Date;
}

export interface PlanMeeting {
  year: number;
  seq: number;
  type: 'regular' | 'special';
  title: string;
  heldAt: Date;
  state: 'planned' | 'held';
  attendingUnitIds: string[];
  minutes: string;
  agenda: {
    itemId: number | null;
    unitId: string | null;
    topic: string;
    reason: 'red' | 'yellow' | 'flagged' | 'coordination';
    decisionKind: 'item' | 'order' | 'note' | null;
    decision: string;
    createdItemId: number | null;
  }[];
}

export interface PlanOrder {
  year: number;
  seq: number;
  number: string;
  title: string;
  requirements: string;
  feedbackDue: string;
  state: 'issued' | 'completed';
  issuedAt: Date;
  completedAt: Date | null;
  meetingSeq: number | null;
  itemIds: number[];
  units: { unitId: string; role: 'lead' | 'co'; confirmedAt: Date | null }[];
}

export interface DemoPlan {
  items: PlanItem[];
  meetings: PlanMeeting[];
  orders: PlanOrder[];
}

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    weighted: <T>(xs: readonly (readonly [T, number])[]): T => {
      const total = xs.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [x, w] of xs) {
        r -= w;
        if (r <= 0) return x;
      }
      return (xs[xs.length - 1] as readonly [T, number])[0];
    },
    chance: (p: number) => next() < p,
  };
}

const HOUR = 3600_000;
/** Items decided by the seed year's meetings (every third meeting up to the 21st). */
const MEETING_ITEMS_Y0 = 7;
const sh = (date: string, hour: number, minute = 0) =>
  new Date(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);

const PLACES = [
  '晋江',
  '石狮',
  '南安',
  '德化',
  '安溪',
  '惠安',
  '永春',
  '鲤城',
  '丰泽',
  '泉港',
  '洛江',
  '台商区',
  '开发区',
];
const TRADES = ['运动鞋服', '陶瓷', '石材', '茶叶', '食品', '纸业', '工艺品', '水暖卫浴', '机械装备', '纺织'];
const MARKETS = ['东盟', '中东', '拉美', '欧盟', '非洲', '“一带一路”沿线'];
/** What a regular weekly dispatch meeting focuses on (its title; the number is shown beside it). */
const REGULAR_FOCUS = [
  '外贸稳订单',
  '企业诉求办理',
  '跨境电商',
  '消费提振',
  '展会组织',
  '海外仓建设',
  '内贸流通',
  '外资招引',
];

const TITLES: Record<string, readonly string[]> = {
  financing: [
    '{p}某{t}企业外贸发展基金贷款审批进度慢',
    '{p}{t}企业出口信保保单融资额度不足',
    '{p}某{t}企业反映银行抽贷影响接单',
  ],
  logistics: [
    '{p}{t}企业反映至{m}海运舱位紧张、运价上涨',
    '{p}某{t}企业海外仓头程物流时效不稳定',
    '{p}出口集装箱堆场周转不畅',
  ],
  customs: [
    '{p}某{t}企业出口查验率偏高影响交期',
    '{p}{t}企业申请AEO高级认证需指导',
    '{p}跨境电商9810出口退税办理周期长',
  ],
  land: ['{p}某{t}企业扩产项目用地指标落实难', '{p}{t}产业园标准厂房交付延期'],
  talent: ['{p}某{t}企业急需外贸业务骨干', '{p}{t}企业外籍技术人员来华签证办理'],
  ip: ['{p}某{t}企业在{m}遭遇商标抢注', '{p}{t}企业出口产品涉嫌专利侵权预警应对'],
  market: [
    '{p}{t}企业组团参加{m}展会需协调展位',
    '{p}某{t}企业开拓{m}市场需对接采购商',
    '{p}{t}品牌入驻跨境电商平台遇阻',
  ],
  policy: ['{p}某{t}企业出口退税到账慢', '{p}{t}企业外贸稳增长奖励资金兑现延迟', '{p}展会补贴申报材料要求不明确'],
  other: ['{p}{t}行业协会反映用工成本上升', '{p}某{t}企业用电负荷不足影响生产'],
};
const ANSWERS = [
  '已会同相关部门现场办公，问题已解决，企业确认。',
  '已协调金融机构完成授信审批，资金已到位。',
  '已对接船公司增加舱位供给，企业出运恢复正常。',
  '已指导企业完成申报材料，相关资金已拨付到账。',
  '已组织专班上门服务，明确办理时限并跟踪落实完毕。',
  '经协调，相关部门已出具书面意见，企业表示满意。',
];
const PROGRESS = ['已电话联系企业了解详情', '已召开专题协调会', '已向相关部门发函征求意见', '已赴企业现场调研'];
const CONTRIBUTIONS = ['已按职责提供政策依据和办理指引', '已安排专人对接企业并反馈', '同意牵头单位方案，配合落实'];

/** The units an item may be led by, weighted like the real legion: mostly counties, then groups, then departments. */
function leadPool(units: PlanUnit[]) {
  const counties = units.filter((u) => u.type === 'county');
  const groups = units.filter(
    (u) => u.type === 'working_group' || u.type === 'task_force' || u.type === 'liaison_group',
  );
  const departments = units.filter((u) => u.type === 'member_department');
  return { counties, groups, departments };
}

/** Working days strictly after `d` up to `n`, at a random hour of the working day. */
function atWorkingHour(cal: CalendarData, from: Date, days: number, hour: number, minute: number) {
  const day = shanghaiDate(addWorkingDays(cal, from, Math.max(0, days)));
  return sh(day, hour, minute);
}

/** The date `n` working days before `date`. */
function workingDaysBack(cal: CalendarData, date: string, n: number): Date {
  let t = sh(date, 12).getTime();
  let left = n;
  while (left > 0) {
    t -= 24 * HOUR;
    if (isWorkingDay(cal, shanghaiDate(new Date(t)))) left -= 1;
  }
  // The evening before, so the working-hour helper lands on that day.
  return new Date(t - 6 * HOUR);
}

function workingDaysOf(cal: CalendarData, fromDate: string, toDate: string): string[] {
  const out: string[] = [];
  for (let t = sh(fromDate, 12).getTime(); t <= sh(toDate, 12).getTime(); t += 24 * HOUR) {
    const d = shanghaiDate(new Date(t));
    if (isWorkingDay(cal, d)) out.push(d);
  }
  return out;
}

export function planDemoDispatch(input: PlanInput): DemoPlan {
  const { cal, settings, now, dispatcherId, leaderId } = input;
  const r = rng(input.seed ?? 20250101);
  const pool = leadPool(input.units);
  const thisYear = Number(shanghaiDate(now).slice(0, 4));
  const items: PlanItem[] = [];
  const accountUnits = input.units.filter((u) => input.unitUsers.has(u.id) && u.type !== 'office');
  const userOf = (unitId: string | null) => (unitId ? (input.unitUsers.get(unitId) ?? null) : null);

  const simulate = (
    registeredAt: Date,
    opts: {
      cancel?: boolean;
      source?: ItemSource;
      sourceRef?: string;
      mustClose?: boolean;
      resolveAfter?: Date;
      /** Resolve this far into the working time (0–1) instead of at random: keeps an item open (and yellow) today. */
      resolveAt?: number;
      priority?: ItemPriority;
    },
  ) => {
    const category = r.weighted([
      ['financing', 16],
      ['logistics', 14],
      ['customs', 12],
      ['market', 16],
      ['policy', 14],
      ['ip', 8],
      ['talent', 6],
      ['land', 6],
      ['other', 8],
    ] as const);
    // A share goes to the units that have demo accounts, so that signing in as one shows real work.
    const lead =
      accountUnits.length && r.chance(0.3)
        ? r.pick(accountUnits)
        : r.weighted([
            [r.pick(pool.counties), 55],
            [r.pick(pool.groups), 25],
            [r.pick(pool.departments), 20],
          ] as const);
    const county = lead.type === 'county' ? lead : r.chance(0.6) ? r.pick(pool.counties) : null;
    const place = county ? county.nameZh.replace(/[市县区]$/, '').replace('泉州', '') : r.pick(PLACES);
    const title = r
      .pick(TITLES[category] as readonly string[])
      .replace('{p}', place)
      .replace('{t}', r.pick(TRADES))
      .replace('{m}', r.pick(MARKETS));
    const source: ItemSource =
      opts.source ??
      r.weighted([
        ['unit_report', 40],
        ['enterprise_demand', 28],
        ['leader_instruction', 10],
        ['coordination', 10],
      ] as const);
    const priority = (opts.priority ??
      r.weighted([
        ['urgent', 15],
        ['high', 30],
        ['normal', 55],
      ] as const)) as ItemPriority;
    // Who raised it: the county's account when there is one, else the office registering it for the unit.
    const raiserUnit = source === 'leader_instruction' ? null : source === 'meeting_decision' ? null : (county ?? lead);
    const raisedByUserId =
      source === 'leader_instruction' ? leaderId : (userOf(raiserUnit?.id ?? null) ?? dispatcherId);
    const raisedByUnitId =
      source === 'leader_instruction'
        ? (input.units.find((u) => u.type === 'headquarters')?.id ?? null)
        : source === 'meeting_decision'
          ? (input.units.find((u) => u.type === 'office')?.id ?? null)
          : (raiserUnit?.id ?? null);
    const coCount = r.weighted([
      [0, 50],
      [1, 35],
      [2, 15],
    ] as const);
    const coUnits: PlanItem['coUnits'] = [];
    while (coUnits.length < coCount) {
      const c = r.chance(0.6) ? r.pick(pool.departments) : r.pick(pool.groups);
      if (c.id !== lead.id && !coUnits.some((x) => x.unitId === c.id)) {
        coUnits.push({ unitId: c.id, status: 'open', contribution: null, doneAt: null });
      }
    }
    const events: PlanEvent[] = [];
    const ev = (
      at: Date,
      actorUserId: string | null,
      actorUnitId: string | null,
      action: string,
      from: ItemState | null,
      to: ItemState | null,
      note = '',
      data: Record<string, unknown> | null = null,
      pub = false,
    ) => events.push({ at, actorUserId, actorUnitId, action, from, to, note, data, public: pub });
    const office = input.units.find((u) => u.type === 'office')?.id ?? null;
    const it: PlanItem = {
      id: items.length,
      year: Number(shanghaiDate(registeredAt).slice(0, 4)),
      seq: 0,
      title,
      description: `${title}。请牵头单位会同相关单位研究解决，按时反馈办理结果。`,
      category,
      source,
      sourceRef:
        opts.sourceRef ??
        (source === 'enterprise_demand'
          ? `诉求${shanghaiDate(registeredAt).replaceAll('-', '')}-${r.int(10, 99)}`
          : ''),
      priority,
      state: 'pending_dispatch',
      countyUnitId: county?.id ?? null,
      leadUnitId: null,
      coUnits: [],
      raisedByUserId,
      raisedByUnitId,
      registeredAt,
      dispatchedAt: null,
      signBy: null,
      signedAt: null,
      deadline: null,
      originalDeadline: null,
      yellowAt: null,
      escalateYellowAt: null,
      escalateRedAt: null,
      resolvedAt: null,
      closedAt: null,
      cancelledAt: null,
      escalation: null,
      urges: [],
      escalations: [],
      extensions: [],
      redoCount: 0,
      flagged: source === 'coordination',
      answer: null,
      rating: null,
      ratingComment: null,
      ratedAt: null,
      cancelReason: null,
      lightNotified: 'green',
      signOverdueNotified: false,
      events,
      updatedAt: registeredAt,
    };
    items.push(it);
    ev(registeredAt, raisedByUserId, raisedByUnitId, 'create', null, 'pending_dispatch');
    if (opts.cancel) {
      const at = new Date(registeredAt.getTime() + r.int(2, 20) * HOUR);
      ev(
        at,
        dispatcherId,
        office,
        'cancel',
        'pending_dispatch',
        'cancelled',
        r.pick(['不属于总指挥部职责范围，已转12345热线办理', '与已有事项重复，已合并办理']),
      );
      it.cancelReason = events[events.length - 1]?.note ?? null;
      it.cancelledAt = at;
      it.state = 'cancelled';
      return it;
    }
    // Dispatch within a working day; the office decides the deadline by priority (sometimes longer).
    const dispatchedAt = new Date(registeredAt.getTime() + r.int(1, 20) * HOUR);
    let deadline = defaultDeadline(cal, settings, dispatchedAt, priority);
    if (r.chance(0.1)) deadline = addWorkingDays(cal, deadline, r.int(2, 5), settings.endHour);
    const clocks = clocksFor(cal, settings, dispatchedAt, deadline);
    Object.assign(it, {
      leadUnitId: lead.id,
      dispatchedAt,
      deadline,
      originalDeadline: deadline,
      signBy: clocks.signBy,
      yellowAt: clocks.yellowAt,
      escalateYellowAt: clocks.escalateYellowAt,
      escalateRedAt: clocks.escalateRedAt,
      coUnits,
    });
    ev(dispatchedAt, dispatcherId, office, 'dispatch', 'pending_dispatch', 'assigned', '', {
      leadUnitId: lead.id,
      coUnitIds: coUnits.map((c) => c.unitId),
      deadline: deadline.toISOString(),
    });
    const leadUser = userOf(lead.id);
    const lateSign = r.chance(0.12);
    const signedAt = lateSign
      ? new Date(clocks.signBy.getTime() + r.int(2, 30) * HOUR)
      : new Date(
          dispatchedAt.getTime() +
            Math.min(r.int(1, 20) * HOUR, clocks.signBy.getTime() - dispatchedAt.getTime() - HOUR),
        );
    if (lateSign)
      ev(new Date(clocks.signBy.getTime() + HOUR), dispatcherId, office, 'urge', 'assigned', 'assigned', '请尽快签收');
    ev(signedAt, leadUser, lead.id, 'sign', 'assigned', 'in_progress');
    it.signedAt = signedAt;
    ev(
      new Date(signedAt.getTime() + r.int(4, 40) * HOUR),
      leadUser,
      lead.id,
      'progress',
      'in_progress',
      'in_progress',
      r.pick(PROGRESS),
      null,
      true,
    );
    // How it ends: on time, late (urged, perhaps escalated), after an extension; sometimes a redo.
    const fate = opts.resolveAt
      ? 'on_time'
      : opts.mustClose
        ? r.weighted([
            ['on_time', 74],
            ['late', 16],
            ['extended', 10],
          ] as const)
        : r.weighted([
            ['on_time', 70],
            ['late', 20],
            ['extended', 10],
          ] as const);
    const span = deadline.getTime() - signedAt.getTime();
    let resolvedAt: Date;
    if (fate === 'extended') {
      const requestedAt = new Date(signedAt.getTime() + span * 0.6);
      const requested = addWorkingDays(cal, deadline, 5, settings.endHour);
      const decidedAt = new Date(requestedAt.getTime() + r.int(2, 20) * HOUR);
      ev(requestedAt, leadUser, lead.id, 'request_extension', 'in_progress', 'in_progress', '需等待相关部门出具意见', {
        requestedDeadline: requested.toISOString(),
      });
      ev(decidedAt, dispatcherId, office, 'approve_extension', 'in_progress', 'in_progress', '', {
        deadline: requested.toISOString(),
      });
      it.extensions.push({ requestedAt, reason: '需等待相关部门出具意见', requested, state: 'approved', decidedAt });
      const ext = clocksFor(cal, settings, dispatchedAt, requested);
      Object.assign(it, {
        deadline: requested,
        yellowAt: ext.yellowAt,
        escalateYellowAt: ext.escalateYellowAt,
        escalateRedAt: ext.escalateRedAt,
      });
      resolvedAt = new Date(decidedAt.getTime() + (requested.getTime() - decidedAt.getTime()) * (0.3 + r.next() * 0.6));
    } else if (fate === 'late') {
      const lateDays = r.int(1, 8);
      resolvedAt = atWorkingHour(cal, it.deadline as Date, lateDays, r.int(9, 16), r.int(0, 59));
    } else {
      resolvedAt = new Date(signedAt.getTime() + span * (opts.resolveAt ?? 0.25 + r.next() * 0.65));
    }
    if (fate === 'late' || (opts.resolveAt ?? 0) > 1) {
      // Urged before and after the deadline; cards when the automatic escalation instants pass.
      ev(
        new Date((it.yellowAt as Date).getTime() + 2 * HOUR),
        dispatcherId,
        office,
        'urge',
        'in_progress',
        'in_progress',
        '请加快办理',
      );
      ev(
        new Date((it.deadline as Date).getTime() + 3 * HOUR),
        dispatcherId,
        office,
        'urge',
        'in_progress',
        'in_progress',
        '已超期，请抓紧办结',
      );
    }
    // Items of late December are answered after the New Year holiday (the year's totals stay the seed's).
    if (opts.resolveAfter && resolvedAt.getTime() < opts.resolveAfter.getTime()) {
      resolvedAt = atWorkingHour(cal, opts.resolveAfter, r.int(1, 3), r.int(9, 16), r.int(0, 59));
    }
    for (const [level, at] of [
      ['yellow', it.escalateYellowAt],
      ['red', it.escalateRedAt],
    ] as const) {
      if (at && at.getTime() < resolvedAt.getTime()) {
        ev(at, null, null, 'escalate', 'in_progress', 'in_progress', '', { level, auto: true });
      }
    }
    for (const c of coUnits) {
      ev(
        new Date(signedAt.getTime() + (resolvedAt.getTime() - signedAt.getTime()) * (0.3 + r.next() * 0.5)),
        userOf(c.unitId),
        c.unitId,
        'contribute',
        'in_progress',
        'in_progress',
        r.pick(CONTRIBUTIONS),
        { unitId: c.unitId },
      );
    }
    const answer = r.pick(ANSWERS);
    ev(resolvedAt, leadUser, lead.id, 'resolve', 'in_progress', 'resolved', answer, null, true);
    let last = resolvedAt;
    if (r.chance(0.08)) {
      const rejectAt = new Date(resolvedAt.getTime() + r.int(3, 24) * HOUR);
      ev(rejectAt, dispatcherId, office, 'reject', 'resolved', 'in_progress', '答复不够具体，请补充落实措施和时限');
      last = new Date(rejectAt.getTime() + r.int(8, 60) * HOUR);
      ev(last, leadUser, lead.id, 'resolve', 'in_progress', 'resolved', `${answer}（已补充落实措施）`, null, true);
    }
    const closedAt = new Date(last.getTime() + r.int(2, 40) * HOUR);
    ev(closedAt, dispatcherId, office, 'verify', 'resolved', 'closed', '', null, true);
    if (r.chance(0.86)) {
      const rating = r.weighted([
        [5, 55],
        [4, 30],
        [3, 8],
        [2, 5],
        [1, 2],
      ] as const);
      const ratedAt = new Date(closedAt.getTime() + r.int(2, 72) * HOUR);
      ev(
        ratedAt,
        raisedByUserId,
        raisedByUnitId,
        'rate',
        'closed',
        'closed',
        rating >= 4 ? '满意' : '办理结果不够理想',
        { rating },
        true,
      );
    }
    return it;
  };

  // Replays an item's events up to `now`: state, timestamps, counters, flags — as the server would have them.
  const cut = (it: PlanItem) => {
    const done = it.events
      .filter((e) => e.at.getTime() <= now.getTime())
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    it.events = done;
    const dispatch = done.find((e) => e.action === 'dispatch');
    if (!dispatch) {
      Object.assign(it, {
        leadUnitId: null,
        coUnits: [],
        dispatchedAt: null,
        signBy: null,
        deadline: null,
        originalDeadline: null,
        yellowAt: null,
        escalateYellowAt: null,
        escalateRedAt: null,
      });
    }
    const lastEvent = done[done.length - 1] as PlanEvent;
    it.state = (lastEvent.to ?? it.state) as ItemState;
    it.updatedAt = lastEvent.at;
    const has = (a: string) => done.some((e) => e.action === a);
    if (!has('sign')) it.signedAt = null;
    const resolves = done.filter((e) => e.action === 'resolve');
    it.resolvedAt =
      it.state === 'resolved' || it.state === 'closed' ? (resolves[resolves.length - 1]?.at ?? null) : null;
    it.answer = resolves.length ? (resolves[resolves.length - 1]?.note ?? null) : null;
    it.closedAt = it.state === 'closed' ? (done.find((e) => e.action === 'verify')?.at ?? null) : null;
    it.redoCount = done.filter((e) => e.action === 'reject').length;
    it.urges = done.filter((e) => e.action === 'urge').map((e) => ({ at: e.at, unitId: it.leadUnitId as string }));
    it.escalations = done
      .filter((e) => e.action === 'escalate')
      .map((e) => ({ level: (e.data as { level: 'yellow' | 'red' }).level, at: e.at, auto: true }));
    it.escalation = it.escalations.length ? (it.escalations[it.escalations.length - 1]?.level ?? null) : null;
    const approved = done.some((e) => e.action === 'approve_extension');
    it.extensions = it.extensions
      .filter((x) => x.requestedAt.getTime() <= now.getTime())
      .map((x) => (approved ? x : { ...x, state: 'pending' as const, decidedAt: null }));
    if (!approved && it.originalDeadline && dispatch) {
      const c = clocksFor(cal, settings, it.dispatchedAt as Date, it.originalDeadline);
      Object.assign(it, {
        deadline: it.originalDeadline,
        yellowAt: c.yellowAt,
        escalateYellowAt: c.escalateYellowAt,
        escalateRedAt: c.escalateRedAt,
      });
    }
    for (const c of it.coUnits) {
      const part = done.find((e) => e.action === 'contribute' && (e.data as { unitId: string }).unitId === c.unitId);
      if (part) Object.assign(c, { status: 'done', contribution: part.note, doneAt: part.at });
    }
    const rate = done.find((e) => e.action === 'rate');
    it.rating = rate ? ((rate.data as { rating: number }).rating ?? null) : null;
    it.ratingComment = rate?.note ?? null;
    it.ratedAt = rate?.at ?? null;
    if (it.state === 'cancelled') it.cancelledAt = lastEvent.at;
    const light = lightOf({ state: it.state, deadline: it.deadline, yellowAt: it.yellowAt }, now);
    it.lightNotified = light ?? 'green';
    it.signOverdueNotified = it.state === 'assigned' && !!it.signBy && it.signBy.getTime() < now.getTime();
    if (it.state === 'closed' || it.state === 'cancelled') it.flagged = false;
  };

  // ---- The seed's year 2025: 154 items resolved, a dozen cancelled, a few running into 2026. ----
  const y0 = thisYear - 1;
  // 154 resolved in the year = the regular flow + the items decided by the first 21 meetings (seq 3, 6, … 21).
  const regular = 154 - MEETING_ITEMS_Y0;
  const days0 = workingDaysOf(cal, `${y0}-01-06`, `${y0}-11-14`);
  for (let i = 0; i < regular; i++) {
    const d = days0[Math.floor((i / regular) * days0.length)] as string;
    simulate(sh(d, r.int(9, 16), r.int(0, 59)), { mustClose: true });
  }
  const allDays0 = workingDaysOf(cal, `${y0}-01-06`, `${y0}-12-31`);
  for (let i = 0; i < 12; i++) simulate(sh(r.pick(allDays0), r.int(9, 16), r.int(0, 59)), { cancel: true });
  for (const d of workingDaysOf(cal, `${y0}-12-08`, `${y0}-12-31`).filter((_, i) => i % 2 === 0)) {
    simulate(sh(d, r.int(9, 16), r.int(0, 59)), { resolveAfter: sh(`${y0 + 1}-01-01`, 9) });
  }

  // ---- This year up to now: a steady flow, the latest still open. ----
  const today = shanghaiDate(now);
  const days1 = workingDaysOf(cal, `${thisYear}-01-05`, today);
  for (const [i, d] of days1.entries()) {
    const n = i % 3 === 0 ? 1 : i % 3 === 1 ? 1 : 0;
    for (let k = 0; k < n; k++) {
      const at = sh(d, r.int(9, 16), r.int(0, 59));
      if (at.getTime() < now.getTime() - HOUR) simulate(at, { cancel: r.chance(0.04) });
    }
  }
  // A few in their last working days: yellow today.
  for (let k = 0; k < 4; k++) {
    simulate(atWorkingHour(cal, workingDaysBack(cal, today, 9 + (k % 2)), 0, 10 + k, 0), {
      resolveAt: 0.98,
      priority: 'normal',
    });
  }
  // A few long overdue: urged, and carrying yellow or red cards today.
  for (let k = 0; k < 3; k++) {
    simulate(atWorkingHour(cal, workingDaysBack(cal, today, 14 + 3 * k), 0, 9 + k, 30), {
      resolveAt: 3,
      priority: 'normal',
    });
  }
  // A few just registered (waiting for dispatch).
  for (let k = 0; k < 3; k++) {
    const it = simulate(new Date(now.getTime() - (k + 1) * 25 * 60_000), {});
    it.events = it.events.slice(0, 1);
  }

  for (const it of items) cut(it);

  // ---- Dispatch meetings: every other Tuesday 15:00, a few special ones. ----
  const meetings: PlanMeeting[] = [];
  const orders: PlanOrder[] = [];
  const office = input.units.find((u) => u.type === 'office')?.id ?? null;
  const groupIds = input.units.filter((u) => u.type === 'working_group').map((u) => u.id);
  const meetingDays = (year: number, count: number | null) => {
    const out: string[] = [];
    let t = sh(`${year}-01-14`, 12).getTime();
    while (out.length < (count ?? 60)) {
      const d = shanghaiDate(new Date(t));
      if (!d.startsWith(String(year))) break;
      // The Tuesday, or the next working day when it is a holiday.
      let day = d;
      while (!isWorkingDay(cal, day)) day = shanghaiDate(new Date(sh(day, 12).getTime() + 24 * HOUR));
      out.push(day);
      t += 14 * 24 * HOUR;
    }
    return out;
  };
  const openAt = (at: Date) =>
    items.filter((it) => {
      const e = it.events;
      const before = e.filter((x) => x.at.getTime() <= at.getTime());
      const last = before[before.length - 1];
      return last && ['pending_dispatch', 'assigned', 'in_progress'].includes(last.to ?? '');
    });
  const stateAt = (it: PlanItem, at: Date) => {
    const before = it.events.filter((x) => x.at.getTime() <= at.getTime());
    return (before[before.length - 1]?.to ?? null) as ItemState | null;
  };
  for (const year of [y0, thisYear]) {
    const days = meetingDays(year, year === y0 ? 26 : null);
    let seq = 0;
    for (const [i, day] of days.entries()) {
      const heldAt = sh(day, 15);
      const future = heldAt.getTime() > now.getTime();
      if (future && meetings.some((m) => m.state === 'planned')) break;
      seq += 1;
      const special = i % 9 === 4;
      const agenda: PlanMeeting['agenda'] = [];
      for (const it of openAt(heldAt).slice(-40)) {
        const late = it.deadline && it.deadline.getTime() < heldAt.getTime() && stateAt(it, heldAt) === 'in_progress';
        const reason = late ? 'red' : it.source === 'coordination' ? 'coordination' : null;
        if (!reason || agenda.length >= 6) continue;
        agenda.push({
          itemId: it.id,
          unitId: it.leadUnitId ?? it.raisedByUnitId,
          topic: it.title,
          reason,
          decisionKind: future ? null : 'note',
          decision: future
            ? ''
            : reason === 'red'
              ? '责成牵头单位一周内办结，办公室跟踪督办'
              : '明确牵头单位和配合单位，限期协调解决',
          createdItemId: null,
        });
      }
      meetings.push({
        year,
        seq,
        type: special ? 'special' : 'regular',
        // The number (2026年第N次调度会) is shown beside the title, so the title names the meeting's focus.
        title: special
          ? `${r.pick(['外贸稳增长', '跨境电商', '海外仓建设', '展会组织'])}专题调度会`
          : `内外贸发展工作调度会（${REGULAR_FOCUS[seq % REGULAR_FOCUS.length]}）`,
        heldAt,
        state: future ? 'planned' : 'held',
        attendingUnitIds: [...groupIds, ...pool.counties.map((c) => c.id)],
        minutes: future
          ? ''
          : `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日，总指挥部召开第${seq}次调度会，听取各工作组和县（市、区）工作进展汇报，研究解决企业反映的突出问题。会议议定事项如下：\n${agenda.map((a, k) => `${k + 1}. ${a.topic}：${a.decision}`).join('\n') || '1. 各单位按时报送本周工作进展。'}`,
        agenda,
      });
    }
  }
  // Meeting decisions become items: the second agenda entry of every third meeting.
  for (const m of meetings.filter(
    (x) => x.state === 'held' && x.seq % 3 === 0 && (x.year !== y0 || x.seq <= MEETING_ITEMS_Y0 * 3),
  )) {
    const it = simulate(new Date(m.heldAt.getTime() + 2 * HOUR), {
      source: 'meeting_decision',
      sourceRef: `${m.year}年第${m.seq}次调度会`,
      mustClose: m.year === y0,
    });
    cut(it);
    m.agenda.push({
      itemId: null,
      unitId: office,
      topic: it.title,
      reason: 'flagged',
      decisionKind: 'item',
      decision: '会议议定形成调度事项，由办公室交办',
      createdItemId: it.id,
    });
  }

  // ---- Numbering: per year in registration order, no gaps. ----
  const byYear = new Map<number, PlanItem[]>();
  for (const it of items) byYear.set(it.year, [...(byYear.get(it.year) ?? []), it]);
  for (const list of byYear.values()) {
    list.sort((a, b) => a.registeredAt.getTime() - b.registeredAt.getTime());
    list.forEach((it, i) => {
      it.seq = i + 1;
    });
  }

  // ---- Assignment orders: after meetings (and a few between), bundling items dispatched around then. ----
  for (const year of [y0, thisYear]) {
    const held = meetings.filter((m) => m.year === year && m.state === 'held');
    const target = year === y0 ? 34 : held.length + Math.floor(held.length / 3);
    const issueTimes: { at: Date; meetingSeq: number | null }[] = held.map((m) => ({
      at: new Date(m.heldAt.getTime() + 20 * HOUR),
      meetingSeq: m.seq,
    }));
    // Between meetings too, as work demands (the extra ones are used only until the year's count is reached).
    for (const m of held) issueTimes.push({ at: new Date(m.heldAt.getTime() + 7 * 24 * HOUR), meetingSeq: null });
    const extras = issueTimes.length - held.length;
    const keepExtras = new Set(
      issueTimes
        .slice(held.length)
        .map((_, i) => i)
        .filter((i) => i % Math.max(1, Math.floor(extras / Math.max(1, target - held.length))) === 0),
    );
    const times = [
      ...issueTimes.slice(0, held.length),
      ...issueTimes.slice(held.length).filter((_, i) => keepExtras.has(i)),
      ...issueTimes.slice(held.length).filter((_, i) => !keepExtras.has(i)),
    ];
    const used = new Set<number>();
    const issued: { at: Date; meetingSeq: number | null; chosen: PlanItem[] }[] = [];
    for (const { at, meetingSeq } of times) {
      if (issued.length >= target) break;
      if (at.getTime() > now.getTime()) continue;
      const candidates = items.filter(
        (it) =>
          !used.has(it.id) &&
          it.dispatchedAt &&
          it.dispatchedAt.getTime() <= at.getTime() &&
          it.dispatchedAt.getTime() > at.getTime() - 14 * 24 * HOUR &&
          ['assigned', 'in_progress'].includes(stateAt(it, at) ?? ''),
      );
      const chosen = candidates.slice(0, r.int(2, 5));
      if (chosen.length === 0) continue;
      for (const it of chosen) used.add(it.id);
      issued.push({ at, meetingSeq, chosen });
    }
    issued.sort((a, b) => a.at.getTime() - b.at.getTime());
    let seq = 0;
    for (const { at, meetingSeq, chosen } of issued) {
      seq += 1;
      const unitIds = new Map<string, 'lead' | 'co'>();
      for (const it of chosen) {
        if (it.leadUnitId) unitIds.set(it.leadUnitId, 'lead');
        for (const c of it.coUnits) if (!unitIds.has(c.unitId)) unitIds.set(c.unitId, 'co');
      }
      const closed = chosen.every((it) => it.state === 'closed' || it.state === 'cancelled');
      const completedAt = closed
        ? new Date(Math.max(...chosen.map((it) => (it.closedAt ?? it.cancelledAt ?? at).getTime())))
        : null;
      orders.push({
        year,
        seq,
        number: `${settings.orderPrefix}〔${year}〕${seq}号`,
        title: meetingSeq ? `关于落实第${meetingSeq}次调度会议定事项的交办单` : '关于加快办理企业反映问题的交办单',
        requirements: '请各牵头单位会同配合单位抓紧办理，按时限书面反馈办理结果；逾期未办结的，办公室将予以督办通报。',
        feedbackDue: shanghaiDate(addWorkingDays(cal, at, 10)),
        state: closed ? 'completed' : 'issued',
        issuedAt: at,
        completedAt,
        meetingSeq,
        itemIds: chosen.map((it) => it.id),
        units: [...unitIds].map(([unitId, role]) => {
          const confirmedAt = new Date(at.getTime() + r.int(1, 20) * HOUR);
          return { unitId, role, confirmedAt: confirmedAt.getTime() <= now.getTime() ? confirmedAt : null };
        }),
      });
    }
  }
  return { items, meetings, orders };
}
