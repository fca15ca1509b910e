/** Deterministic job ids (STYLE.md): the same fire always has the same id. */
export const reminderJobId = (taskId: string) => `reminder:${taskId}`;
export const occurrenceJobId = (seriesId: string, at: Date) => `recurrence:${seriesId}:${at.toISOString()}`;
