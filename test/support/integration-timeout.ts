// Real-network tests wait for endorsement, ordering and commit (and one waits out a deadline).
jest.setTimeout(120_000);
