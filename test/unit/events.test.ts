// What the LISTEN connection makes of a notification (src/domain/events.ts): anyone with database
// access can NOTIFY the channel, so anything malformed is dropped, never thrown.
import { describe, expect, it } from "vitest";
import { parseNotification } from "../../src/domain/events.ts";

describe("parseNotification", () => {
  it("unpacks the job rows of one statement into one event each", () => {
    const payload = JSON.stringify({ k: "jobs", rows: [{ id: "a", row: { status: "Running" } }, { id: "b" }] });
    expect(parseNotification(payload)).toEqual([
      { k: "job", id: "a", row: { status: "Running" } },
      { k: "job", id: "b", row: undefined },
    ]);
  });

  it("passes worker and phase events through", () => {
    expect(parseNotification('{"k":"worker","id":"w1"}')).toEqual([{ k: "worker", id: "w1" }]);
    expect(parseNotification('{"k":"phase","p":"fathom","ph":"phase1"}')).toEqual([{ k: "phase", p: "fathom", ph: "phase1" }]);
  });

  it.each(["", "null", "42", '"jobs"', "[]", "{}", '{"k":7}', '{"k":"jobs"}', '{"k":"jobs","rows":{}}', "{not json"])(
    "drops %j without throwing",
    (payload) => {
      expect(parseNotification(payload)).toBeNull();
    },
  );

  it("skips rows without an id", () => {
    expect(parseNotification('{"k":"jobs","rows":[null,{"row":{}},{"id":"c"}]}')).toEqual([{ k: "job", id: "c", row: undefined }]);
  });
});
