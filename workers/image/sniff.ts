// The sniffer is pure and shared: the photo import (here) and the backup import and
// sync (src/data) must judge a file's bytes by the same rules.
export * from "@domain/image/sniff";
