/** Verifying visitors, as the core's API offers it: its code loads with the first verification made. */
type VisitorVerifications = typeof import('./visitor-verification.ts');

export const createVisitorVerification = async (
  ...args: Parameters<VisitorVerifications['createVisitorVerification']>
): Promise<ReturnType<VisitorVerifications['createVisitorVerification']>> =>
  (await import('./visitor-verification.ts')).createVisitorVerification(...args);
