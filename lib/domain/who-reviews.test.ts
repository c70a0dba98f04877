import { describe, expect, it } from "vitest";
import { REVIEWER_ROLES, checkTransition, eligibleReviewers, reviewCapacityFor, reviewerRefusal } from "./review";
import { ROLES } from "./roles";

const AUTHOR = "u-author";
const member = (userId: string, role: (typeof ROLES)[number]) => ({ userId, role });

describe("who reviews a model", () => {
  it("security leads review as Security, tech leads as Tech lead, nobody else", () => {
    expect(ROLES.map((role) => reviewCapacityFor(member("u-other", role), AUTHOR))).toEqual([null, null, "SECURITY", "TECH_LEAD", null, null]);
    expect(REVIEWER_ROLES).toEqual(["SECURITY_LEAD", "TECH_LEAD"]);
  });

  it("nobody reviews a model they wrote, whatever their role", () => {
    for (const role of ROLES) expect(reviewCapacityFor(member(AUTHOR, role), AUTHOR)).toBeNull();
  });

  it("lists the members who may review, in their order, each with a capacity", () => {
    const members = [
      { ...member("u-1", "TECH_LEAD"), name: "Tess" },
      { ...member(AUTHOR, "SECURITY_LEAD"), name: "Ada" },
      { ...member("u-2", "OWNER"), name: "Olga" },
      { ...member("u-3", "SECURITY_LEAD"), name: "Sam" },
      { ...member("u-4", "VIEWER"), name: "Vic" },
    ];
    expect(eligibleReviewers(members, AUTHOR)).toEqual([
      { userId: "u-1", role: "TECH_LEAD", name: "Tess", capacity: "TECH_LEAD" },
      { userId: "u-3", role: "SECURITY_LEAD", name: "Sam", capacity: "SECURITY" },
    ]);
  });

  it("says why members named as reviewers cannot review: their role first, then authorship", () => {
    expect(reviewerRefusal([member("u-1", "TECH_LEAD"), member("u-3", "SECURITY_LEAD")], AUTHOR)).toBeNull();
    expect(reviewerRefusal([member("u-1", "CONTRIBUTOR")], AUTHOR)?.message).toBe("Only security leads and tech leads can review.");
    expect(reviewerRefusal([member(AUTHOR, "SECURITY_LEAD")], AUTHOR)?.message).toBe("The author cannot review their own model.");
    expect(reviewerRefusal([member(AUTHOR, "CONTRIBUTOR")], AUTHOR)?.message).toBe("Only security leads and tech leads can review.");
  });

  it("agrees with the state machine: whoever may review may approve a model in review, and only they", () => {
    for (const role of ROLES) {
      for (const isAuthor of [false, true]) {
        const mayReview = reviewCapacityFor(member(isAuthor ? AUTHOR : "u-other", role), AUTHOR) !== null;
        expect(checkTransition("approve", "IN_REVIEW", { role, isAuthor }).allowed).toBe(mayReview);
      }
    }
  });
});
