import { useEffect, useRef, type ReactNode } from "react";

interface Props {
  /** How long it stays while nobody looks at it. */
  ms: number;
  onTimeout: () => void;
  className?: string;
  label: string;
  children: ReactNode;
}

/**
 * A toast that goes away by itself, but not while the pointer is over it or focus is in it
 * (WCAG 2.2.1: a person reading or reaching for its button gets the time they need).
 */
export function TimedToast({ ms, onTimeout, className, label, children }: Props) {
  const remaining = useRef(ms);
  const startedAt = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const done = useRef(onTimeout);
  done.current = onTimeout;
  const held = useRef({ hover: false, focus: false });

  const resume = () => {
    if (held.current.hover || held.current.focus) return;
    clearTimeout(timer.current);
    startedAt.current = Date.now();
    timer.current = setTimeout(() => done.current(), remaining.current);
  };
  const pause = () => {
    if (timer.current === undefined) return;
    clearTimeout(timer.current);
    timer.current = undefined;
    remaining.current = Math.max(1000, remaining.current - (Date.now() - startedAt.current));
  };
  const hold = (kind: "hover" | "focus", on: boolean) => {
    held.current[kind] = on;
    if (on) pause();
    else resume();
  };
  useEffect(() => {
    resume();
    return () => clearTimeout(timer.current);
  }, []);

  return (
    <div
      className={`toast ${className ?? ""}`}
      role="group"
      aria-label={label}
      onMouseEnter={() => hold("hover", true)}
      onMouseLeave={() => hold("hover", false)}
      onFocus={() => hold("focus", true)}
      onBlur={(e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && hold("focus", false)}
    >
      {children}
    </div>
  );
}
