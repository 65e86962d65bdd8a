/**
 * The search params as the address bar has them now. A write that waits (a debounce, idle time)
 * must start from these: the router's own params reach a component only once the navigation
 * that changed them has rendered, and a write from an older copy would undo it (a listing just
 * opened, lost to the map's view).
 */
export const currentSearchParams = () => new URLSearchParams(window.location.search);
