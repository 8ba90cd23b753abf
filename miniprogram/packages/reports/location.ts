// The place of a report on this device: picked on WeChat's map (wx.chooseLocation) or where the person is
// (wx.getLocation, GCJ-02), as typed promises that never reject: a cancel changes nothing, and a refusal
// (permission, privacy, location off) says so, so the page offers the typed address instead. The district
// a point falls in comes from contracts/reports.ts districtAt (as the government decides), so a point
// outside the city is said before anything is sent.
import { toWxApiError } from '../../core/errors';
import { currentLocation } from '../../core/wx';

export interface PickedPoint { lat: number; long: number; address: string }
export type PlaceOutcome = { kind: 'point'; point: PickedPoint } | { kind: 'cancelled' } | { kind: 'refused' };

function outcomeOf(err: unknown): PlaceOutcome {
  return toWxApiError(err).cancelled ? { kind: 'cancelled' } : { kind: 'refused' };
}

/** A place the person picks on the map. */
export function choosePoint(): Promise<PlaceOutcome> {
  return new Promise<PlaceOutcome>((resolve) => {
    try {
      wx.chooseLocation({
        success: (res) => resolve({ kind: 'point', point: { lat: res.latitude, long: res.longitude, address: [res.name, res.address].filter(Boolean).join(' ') } }),
        fail: (err) => resolve(outcomeOf(err)),
      });
    } catch (err) {
      resolve(outcomeOf(err));
    }
  });
}

/** Where the person is now (core/wx); a refusal offers the typed address. */
export async function currentPoint(): Promise<PlaceOutcome> {
  const here = await currentLocation();
  return here ? { kind: 'point', point: { ...here, address: '' } } : { kind: 'refused' };
}
