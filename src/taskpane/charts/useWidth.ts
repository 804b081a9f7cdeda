/** The width of an element as it is laid out, followed as the pane is resized. */
import { useLayoutEffect, useRef, useState } from 'react';

export function useWidth<T extends HTMLElement>(): [React.RefObject<T>, number] {
  const box = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const seen = () => setWidth(el.clientWidth);
    seen();
    const observer = new ResizeObserver(seen);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [box, width];
}
