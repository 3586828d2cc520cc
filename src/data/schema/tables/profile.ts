import type { Profile } from "@domain/wardrobe/types";
import { table } from "./table";

/** The user's profile (type in domain/wardrobe): one record, id "me", with the face shape and a kept selfie. */
export const PROFILE_ID = "me" as const;

export const profileTable = table<Profile>()("profile", "id", { 1: "id" });
