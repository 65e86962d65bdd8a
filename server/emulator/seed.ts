import { PLANS as PLAN_NAMES, type Plan } from '../../src/contract/schemas';
import { DEMO_KEYS, periodStart } from './plans';
import { hashKey, type Services } from './services';
import type { Store } from './store';

/**
 * About sixty real places for the demo session: city centres, villages and countryside, airport
 * fences, and a few points at sea (which fail with the documented message).
 */
export const DEMO_PLACES: readonly { name: string; lat: number; lng: number }[] = [
  { name: 'Tokyo, Marunouchi', lat: 35.6812, lng: 139.7671 },
  { name: 'Paris, Châtelet', lat: 48.8584, lng: 2.3474 },
  { name: 'London, Soho', lat: 51.5136, lng: -0.1365 },
  { name: 'New York, Midtown', lat: 40.758, lng: -73.9855 },
  { name: 'São Paulo, Sé', lat: -23.5505, lng: -46.6333 },
  { name: 'Mumbai, Dadar', lat: 19.0178, lng: 72.8478 },
  { name: 'Cairo, Downtown', lat: 30.0444, lng: 31.2357 },
  { name: 'Lagos Island', lat: 6.4541, lng: 3.3947 },
  { name: 'Mexico City, Centro', lat: 19.4326, lng: -99.1332 },
  { name: 'Sydney CBD', lat: -33.8688, lng: 151.2093 },
  { name: 'Berlin, Mitte', lat: 52.52, lng: 13.405 },
  { name: 'Istanbul, Beyoğlu', lat: 41.0369, lng: 28.985 },
  { name: 'Seoul, Jung-gu', lat: 37.5636, lng: 126.997 },
  { name: 'Buenos Aires, Microcentro', lat: -34.6037, lng: -58.3816 },
  { name: 'Toronto, Downtown', lat: 43.6532, lng: -79.3832 },
  { name: 'Nairobi CBD', lat: -1.2864, lng: 36.8172 },
  { name: 'Madrid, Sol', lat: 40.4168, lng: -3.7038 },
  { name: 'Bangkok, Silom', lat: 13.7279, lng: 100.5241 },
  { name: 'Albuquerque (the docs’ example)', lat: 35.0925734, lng: -106.5883558 },
  { name: 'San Francisco (the docs’ example)', lat: 37.7749, lng: -122.4194 },
  { name: 'Grindelwald, Switzerland', lat: 46.6242, lng: 8.0414 },
  { name: 'Hallstatt, Austria', lat: 47.5622, lng: 13.6493 },
  { name: 'Bibury, Cotswolds', lat: 51.7606, lng: -1.8336 },
  { name: 'Tuscan countryside near Pienza', lat: 43.0767, lng: 11.6781 },
  { name: 'El Chaltén, Patagonia', lat: -49.3315, lng: -72.8863 },
  { name: 'Vík, Iceland', lat: 63.4186, lng: -19.006 },
  { name: 'Reine, Lofoten', lat: 67.9324, lng: 13.0887 },
  { name: 'Glencoe, Scottish Highlands', lat: 56.6826, lng: -5.1023 },
  { name: 'Mongolian steppe near Kharkhorin', lat: 47.1975, lng: 102.8238 },
  { name: 'Alice Springs outskirts', lat: -23.75, lng: 133.95 },
  { name: 'Gordes, Provence', lat: 43.9116, lng: 5.2001 },
  { name: 'Yosemite Valley', lat: 37.7456, lng: -119.5936 },
  { name: 'Banff, Alberta', lat: 51.1784, lng: -115.5708 },
  { name: 'San Pedro de Atacama', lat: -22.9087, lng: -68.1997 },
  { name: 'Sossusvlei, Namibia', lat: -24.7275, lng: 15.2986 },
  { name: 'Shirakawa-go, Japan', lat: 36.2578, lng: 136.9061 },
  { name: 'Zermatt, Switzerland', lat: 46.0207, lng: 7.7491 },
  { name: 'Hvar town, Croatia', lat: 43.1729, lng: 16.4411 },
  { name: 'Lake Tekapo, New Zealand', lat: -44.0046, lng: 170.4771 },
  { name: 'Ushuaia', lat: -54.8019, lng: -68.303 },
  { name: 'Valletta, Malta', lat: 35.8989, lng: 14.5146 },
  { name: 'Jamestown, St Helena', lat: -15.9244, lng: -5.7181 },
  { name: 'Taveuni, Fiji (on the antimeridian)', lat: -16.9, lng: -179.9 },
  { name: 'JFK airport fence', lat: 40.6413, lng: -73.7781 },
  { name: 'Heathrow airport fence', lat: 51.4775, lng: -0.4614 },
  { name: 'Paris-CDG fence', lat: 49.0097, lng: 2.5479 },
  { name: 'Tokyo Haneda', lat: 35.5494, lng: 139.7798 },
  { name: 'Dubai International', lat: 25.2532, lng: 55.3657 },
  { name: 'Atlanta Hartsfield-Jackson', lat: 33.6407, lng: -84.4277 },
  { name: 'Frankfurt Airport', lat: 50.0379, lng: 8.5622 },
  { name: 'Singapore Changi', lat: 1.3644, lng: 103.9915 },
  { name: 'Los Angeles LAX', lat: 33.9416, lng: -118.4085 },
  { name: 'Amsterdam Schiphol', lat: 52.3105, lng: 4.7683 },
  { name: 'Mid-Atlantic', lat: 35.0, lng: -40.0 },
  { name: 'Central Pacific', lat: 5.0, lng: -150.0 },
  { name: 'Indian Ocean', lat: -20.0, lng: 80.0 },
  { name: 'North Sea', lat: 55.5, lng: 3.0 },
  { name: 'Mediterranean, off Sardinia', lat: 39.5, lng: 6.5 },
  { name: 'Tasman Sea', lat: -38.0, lng: 160.0 },
];

export const DEMO_SESSION_META = 'demo_session_id';

/** On first start: one demo account per plan, and a demo session for demo-insight. */
export function seedDemo(store: Store, services: Services, now: number): { seeded: boolean } {
  if (store.countAccounts() > 0) return { seeded: false };
  let insightId = 0;
  store.transaction(() => {
    for (const plan of PLAN_NAMES) {
      const id = store.insertAccount(
        `Demo ${plan}`,
        plan as Plan,
        hashKey(DEMO_KEYS[plan]),
        periodStart(now),
      );
      if (plan === 'insight') insightId = id;
    }
  });
  const account = store.accountById(insightId);
  if (account) {
    const created = services.createSession(
      account,
      DEMO_PLACES.map(({ lat, lng }) => ({ lat, lng })),
    );
    store.setMeta(DEMO_SESSION_META, created.session_id);
  }
  return { seeded: true };
}
