/**
 * For promises whose failure the UI already reports: form validation shows inline, API errors go through the
 * request-error policy (toast, sign-in). Swallowing here only stops an "unhandled rejection".
 */
export function ignoreHandled(): void {}
