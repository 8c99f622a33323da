// Which version of a circle's charter a person accepted: a hash of its text, kept in their circle record.
import { sha256, toBase64Url, utf8 } from '@shared/circles/bytes';

export async function charterVersion(charter: string): Promise<string> {
  return toBase64Url(await sha256(utf8(`hearth/charter/v1\n${charter}`)));
}
