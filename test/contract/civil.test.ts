/** @jest-environment node */
// Marriage registration through the civil package's service, on both targets: one person starts, the
// other joins with the code (across a restart of the government), either books; who may not marry, codes
// that are not theirs, replays and bodies the government cannot read.
import { acceptCase, bookAppointment, cancelAppointment, getCase, getEligibility, getOfficeDays, listCases, openInvitation, startCase, withdrawCase } from '../../miniprogram/packages/civil/service';
import { codeOf, raw, refusal, refused, signIn, targets, useTarget } from './suite';

describe.each(targets())('civil: marriage (%s)', (_name, target) => {
  useTarget(target);

  it('r04 starts, r05 accepts with the code after a restart, r05 books: both see the appointment', async () => {
    await signIn(target, 'r04');
    const key = `marry-${target.name}-1`;
    const started = await startCase({ kind: 'marriage', declaration: true }, key);
    expect(started.case.status).toBe('invited');
    expect(started.invitation.code).toHaveLength(8);
    // The same key again (the answer was lost): the same case, and no second code.
    const replay = await startCase({ kind: 'marriage', declaration: true }, key);
    expect([replay.case.id, replay.invitation.code]).toEqual([started.case.id, '']);
    await target.restart();
    await signIn(target, 'r05');
    const preview = await openInvitation({ code: started.invitation.code.toLowerCase() });
    expect([preview.caseId, preview.kind, preview.ineligible]).toEqual([started.case.id, 'marriage', []]);
    const accepted = await acceptCase(started.case.id, { code: started.invitation.code, declaration: true }, `accept-${target.name}-1`);
    expect(accepted.status).toBe('accepted');
    const { days } = await getOfficeDays(started.case.id, 'gz-yuexiu');
    const day = days.find((d) => d.status === 'available' && d.windows.length > 0);
    if (!day) throw new Error('no day with places');
    const booked = await bookAppointment(started.case.id, { officeId: 'gz-yuexiu', date: day.date, window: day.windows[0].id }, `book-${target.name}-1`);
    expect(booked.status).toBe('booked');
    expect(booked.upcoming).toMatchObject({ date: day.date, status: 'booked' });
    await signIn(target, 'r04');
    const seen = await getCase(started.case.id);
    expect([seen.status, seen.upcoming?.id]).toEqual(['booked', booked.upcoming?.id]);
    expect((await listCases()).items.map((c) => c.id)).toContain(started.case.id);
  });

  it('a cancelled appointment frees the case to book again; a replayed cancel answers the same', async () => {
    await signIn(target, 'r04');
    const [summary] = (await listCases()).items.filter((c) => c.status === 'booked');
    if (!summary?.upcoming) throw new Error('the case of the first test is booked');
    const kase = await getCase(summary.id);
    const appointment = kase.upcoming;
    if (!appointment) throw new Error('no upcoming appointment');
    const key = `cancel-${target.name}-1`;
    const cancelled = await cancelAppointment(kase.id, appointment.id, key);
    expect([cancelled.status, cancelled.upcoming]).toEqual(['accepted', null]);
    expect(await cancelAppointment(kase.id, appointment.id, key)).toEqual(cancelled);
    expect(await refused(cancelAppointment(kase.id, appointment.id, `cancel-${target.name}-2`))).toEqual([409, 'NOT_CANCELLABLE']);
  });

  it('who may not start is told why: too young (r10), already married (r02)', async () => {
    await signIn(target, 'r10');
    expect((await getEligibility('marriage')).ineligible.map((i) => i.code)).toContain('TOO_YOUNG');
    expect(await refused(startCase({ kind: 'marriage', declaration: true }, `marry-${target.name}-2`))).toEqual([403, 'TOO_YOUNG']);
    await signIn(target, 'r02');
    expect(await refused(startCase({ kind: 'marriage', declaration: true }, `marry-${target.name}-3`))).toEqual([403, 'ALREADY_MARRIED']);
  });

  it('codes that are not theirs: an unknown code, one\'s own, a case of other people, a person too young', async () => {
    await signIn(target, 'r09');
    const started = await startCase({ kind: 'marriage', declaration: true }, `marry-${target.name}-4`);
    expect(await refused(openInvitation({ code: started.invitation.code }))).toEqual([409, 'INVITATION_OWN']);
    await signIn(target, 'r11');
    const unknown = started.invitation.code === 'ABCD2345' ? 'ABCD2346' : 'ABCD2345';
    expect(await refused(openInvitation({ code: unknown }))).toEqual([404, 'INVITATION_NOT_FOUND']);
    expect((await openInvitation({ code: started.invitation.code })).ineligible.map((i) => i.code)).toContain('TOO_YOUNG');
    expect(await refused(acceptCase(started.case.id, { code: started.invitation.code, declaration: true }, `accept-${target.name}-2`))).toEqual([403, 'TOO_YOUNG']);
    await signIn(target, 'r08');
    expect(await refused(getCase(started.case.id))).toEqual([404, 'NOT_FOUND']);
    expect(await refused(withdrawCase(started.case.id, `withdraw-${target.name}-0`))).toEqual([404, 'NOT_FOUND']);
    await signIn(target, 'r09');
    const withdrawn = await withdrawCase(started.case.id, `withdraw-${target.name}-1`);
    expect(withdrawn.status).toBe('withdrawn');
    expect(await refused(withdrawCase(started.case.id, `withdraw-${target.name}-2`))).toEqual([409, 'CASE_CLOSED']);
  });

  it('bad bodies are 4xx with a code: no declaration, an unknown kind, not JSON', async () => {
    const token = await signIn(target, 'r13');
    const declaration = await refusal(startCase({ kind: 'marriage' }, `marry-${target.name}-5`));
    expect([declaration.status, declaration.code, declaration.fields.declaration]).toEqual([422, 'VALIDATION', 'DECLARATION_REQUIRED']);
    const kind = await raw(target, 'POST', '/civil/cases', { token, body: JSON.stringify({ kind: 'adoption' }) });
    expect([kind.status, codeOf(kind)]).toEqual([422, 'VALIDATION']);
    const broken = await raw(target, 'POST', '/civil/invitations/open', { token, body: '"ABCD2345"' });
    expect([broken.status, codeOf(broken)]).toEqual([400, 'BAD_REQUEST']);
  });
});
