import { useEffect, useState } from "react";

/**
 * An object URL for a blob loaded on demand, revoked when the component unmounts
 * or the key changes. Grid cells unmount when scrolled away, so only on-screen
 * thumbnails hold decoded memory.
 */
export function useObjectUrl(key: string | null, load: (key: string) => Promise<Blob | undefined>): string | null {
  const [url, setUrl] = useState<{ key: string; url: string } | null>(null);
  useEffect(() => {
    if (!key) return;
    let revoked = false;
    let made: string | null = null;
    load(key).then(
      (blob) => {
        if (revoked || !blob) return;
        made = URL.createObjectURL(blob);
        setUrl({ key, url: made });
      },
      () => undefined,
    );
    return () => {
      revoked = true;
      if (made) URL.revokeObjectURL(made);
    };
    // `load` is a stable module function; the key decides what to fetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return url && url.key === key ? url.url : null;
}
