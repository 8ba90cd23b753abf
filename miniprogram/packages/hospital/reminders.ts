// The day-before reminder: WeChat's subscription message, asked for on the confirm tap. Template ids
// are configuration, per appid: an appid without one (the tourist appid of DevTools) has no reminders,
// and the app says so without asking. A refusal is remembered, so the app does not ask again.
import type { ReminderRequest } from '../../contracts/health';
import { readStorageSync, writeStorageSync } from '../../core/storage';
import { appId, requestSubscribe } from '../../core/wx';

/** Subscription message templates by appid (configured in the WeChat console for each mini program). */
export const TEMPLATES: ReadonlyMap<string, string> = new Map([['wx5c1c7e5e7a1d0001', 'T8cZ3bookingReminder01']]);

/** Set once the person refused the reminder: the app does not ask again. */
export const DECLINED_KEY = 'hospital.reminderDeclined';

/** The reminder template of this mini program, or undefined when it has none. */
export const reminderTemplate = (): string | undefined => TEMPLATES.get(appId());

/**
 * Asks for the reminder. Call it inside the tap handler before any await: it calls
 * wx.requestSubscribeMessage at once (WeChat refuses the request outside a tap). Resolves what to tell
 * the government: accepted, refused (now or before), or unavailable (no template, or WeChat could not ask).
 */
export function askForReminder(): Promise<ReminderRequest> {
  const templateId = reminderTemplate();
  if (!templateId) return Promise.resolve({ result: 'unavailable' });
  if (readStorageSync<boolean>(DECLINED_KEY) === true) return Promise.resolve({ result: 'reject', templateId });
  return requestSubscribe([templateId]).then(
    (answers): ReminderRequest => {
      if (answers[templateId] === 'accept') return { result: 'accept', templateId };
      if (answers[templateId] === 'reject') writeStorageSync(DECLINED_KEY, true);
      // 'ban' and 'filter' mean WeChat will not send this template: as good as unavailable.
      return answers[templateId] === 'reject' ? { result: 'reject', templateId } : { result: 'unavailable', templateId };
    },
    // Subscriptions switched off in WeChat's settings, or the request refused: no reminder, nothing remembered.
    (): ReminderRequest => ({ result: 'unavailable', templateId }),
  );
}
