import type { ShopifyDouble } from "../shopify-double/index";
import { localTime } from "../../app/domain/cadence/local-time";

const HOUR = 3_600_000;

/**
 * Moves the double's clock forward to the next `hour`:00 in the shop's time
 * zone on a day letters may go out (Monday to Saturday by default), so a test
 * of the cadence does not depend on the wall clock it runs at.
 */
export function advanceToShopHour(double: ShopifyDouble, hour: number, timeZone = "America/Sao_Paulo", days = [1, 2, 3, 4, 5, 6]): Date {
  const now = double.clock.now().getTime();
  for (let h = 1; h <= 24 * 8; h++) {
    const at = new Date(Math.floor((now + h * HOUR) / HOUR) * HOUR);
    const local = localTime(at, timeZone);
    if (local.minutes === hour * 60 && days.includes(local.weekday)) {
      double.controls.advanceClock({ minutes: (at.getTime() - now) / 60_000 });
      return double.clock.now();
    }
  }
  throw new Error(`no ${hour}:00 in ${timeZone} within eight days`);
}
