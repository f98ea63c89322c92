// A browser story signs several people in and waits for ledger answers: minutes, not seconds.
jest.setTimeout(180_000);
