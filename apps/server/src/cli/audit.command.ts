/** `zaitun audit verify`: recomputes the hash chain, directly or through the running server. */
import { type VerifyResult, verifyAuditChain } from '../lib/audit';
import { type CliContext, callControl, dataDirOwner, hasAuditTable, lockedError, withDatabase } from './context';
import { failure } from './output';

/** Prints the verdict; a broken chain fails the command. */
function report(ctx: CliContext, result: VerifyResult): void {
  if (result.intact) {
    ctx.out.result(`审计链完整（${result.checked} 条事件）`);
    ctx.out.result(`chain intact (${result.checked} events)`);
    return;
  }
  throw failure(
    `审计链在事件 ${result.firstBrokenId} 处断裂：${result.reason}（此前 ${result.checked} 条事件完好）`,
    `chain broken at event ${result.firstBrokenId}: ${result.reason}`,
  );
}

export async function auditVerifyCommand(ctx: CliContext): Promise<void> {
  const owner = dataDirOwner(ctx.config);
  if (owner.kind === 'busy') throw lockedError(ctx.config, owner.pid);
  if (owner.kind === 'server') {
    ctx.out.progress(
      `… 通过运行中的服务器（进程 ${owner.pid}）校验 / verifying through the running server (pid ${owner.pid})`,
    );
    return report(ctx, await callControl<VerifyResult>(owner.socket, '/audit-verify'));
  }
  await withDatabase(ctx, async (database) => {
    if (!(await hasAuditTable(database))) {
      throw failure(
        '数据库尚未迁移，没有审计表。请先运行 zaitun migrate。',
        'The database has no audit table yet. Run `zaitun migrate` first.',
      );
    }
    const total = await database.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const n = Number(total.n);
    const started = Date.now();
    const counter = ctx.out.counter(
      (checked) => `已校验 / verified ${checked} / ${n} (${n ? Math.floor((checked / n) * 100) : 100}%)`,
    );
    const result = await verifyAuditChain(database.db, (checked) => counter.update(checked));
    counter.done();
    ctx.out.progress(`✓ 校验用时 / verified in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    report(ctx, result);
  });
}
