/** Statute mile in kilometres (exact). The API gives distances in miles. */
export const KM_PER_MILE = 1.609344;
