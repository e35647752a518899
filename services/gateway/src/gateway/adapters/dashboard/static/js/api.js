import { currentSession, signOut } from "./session.js";

export const API = "/api/v1/session-insights";

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `Request failed (${status})`);
    this.status = status;
    this.code = problem && problem.code;
  }
}

// Calls the public JSON API as the signed-in user. `json` or `form` (FormData) is the body;
// `headers` are added to the request's own.
export async function api(method, path, { json, form, raw, headers: extra } = {}) {
  const session = currentSession();
  if (!session) signOut();
  const headers = { ...extra, Authorization: `Bearer ${session.token}`, Accept: "application/json" };
  let body;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form) {
    body = form;
  }
  const response = await fetch(API + path, { method, headers, body, cache: "no-store" });
  if (response.status === 401) signOut();
  if (raw) return response;
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

// Litestar answers an unknown route with a bare "Not Found" (405 for a known path, other
// method); our services' own 404s say what was not found. So this means "not built yet".
export function isMissingRoute(error) {
  return error instanceof ApiError && (error.status === 405 || (error.status === 404 && /^not found\.?$/i.test(error.message)));
}
