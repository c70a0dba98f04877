import "server-only";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";

// Authenticator-app codes (RFC 6238: SHA-1, 6 digits, 30-second steps, what every app reads from
// an otpauth:// URI). One step either side is accepted for clock drift; a code is accepted only
// for a step later than the last one accepted, so it cannot be replayed inside that window.

const PERIOD = 30;
const TOLERANCE_SECONDS = PERIOD;

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(accountEmail: string, secret: string): string {
  return generateURI({ issuer: "ThreatDesk", label: accountEmail, secret, period: PERIOD });
}

/** The enrolment QR code of an otpauth:// URI, as an SVG document. */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
}

/** The time step `code` is valid for, later than `afterStep`, or null: wrong, expired or replayed. */
export async function acceptedTotpStep(secret: string, code: string, afterStep: number | null, now = new Date()): Promise<number | null> {
  const epoch = Math.floor(now.getTime() / 1000);
  // Every step of the window was used already (otplib refuses such an afterTimeStep outright).
  if (afterStep !== null && afterStep >= Math.floor((epoch + TOLERANCE_SECONDS) / PERIOD)) return null;
  const result = await verify({
    secret,
    token: code,
    period: PERIOD,
    epoch,
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}
