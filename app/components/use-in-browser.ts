import { useEffect, useState } from "react";

/**
 * False on the server and in the browser's first render (so hydration finds the server's markup),
 * true once the page is live. For what must not be hydrated: a chart that measures its container,
 * or a part streamed in later (see components/overview/next-actions.tsx).
 */
export function useInBrowser(): boolean {
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  return live;
}
