import { as, useGatewayAndActors, type Actor } from '../../acceptance/test-support/actors';
import { codeOf, pageWith } from '../../test-support/response-body';
import { directoryEntryModel, type DirectoryEntry } from './directory-entry';

/** The directory over REST, embedded: entries off chain, shown only while the ledger says active. */
describe('the directory of verified professionals over REST', () => {
  const { gateway, actors } = useGatewayAndActors();

  const list = async (caller: Actor, query: string): Promise<{ status: number; items: DirectoryEntry[]; nextCursor: string | null }> => {
    const response = await as(gateway, caller).get(`/directory${query}`);
    if (response.status !== 200) {
      return { status: response.status, items: [], nextCursor: null };
    }
    const page = pageWith(response, directoryEntryModel);
    return { status: 200, items: page.items, nextCursor: page.nextCursor };
  };
  const listing = (displayName: string, specialties: string[], extra: Partial<DirectoryEntry> = {}) => ({ displayName, specialties, ...extra });

  it('when a verified doctor and hospital list themselves, then any patient finds them by role, specialty and text, and each entry reads back as stored (text, not HTML)', async () => {
    const doctor = await actors.person('doctor');
    const hospital = await actors.organisation('hospital');
    const patient = await actors.person('patient');
    const about = '<b>Knees</b> & hips; 20% off?';

    const put = await as(gateway, doctor).put('/me/directory-entry').send(listing('  Dr. Ada Lovelace ', ['Orthopaedics', 'Sports medicine'], { city: 'Lyon', about }));
    await as(gateway, hospital).put('/me/directory-entry').send(listing('Hôpital Nord', ['MRI', 'Lab'], { city: 'Lille' }));

    expect(put.status).toBe(200);
    expect(put.body).toEqual({ stakeholderId: doctor.principal.stakeholderId, role: 'doctor', displayName: 'Dr. Ada Lovelace', specialties: ['Orthopaedics', 'Sports medicine'], city: 'Lyon', about });
    expect((await list(patient, '?role=doctor')).items.map((entry) => entry.stakeholderId)).toEqual([doctor.principal.stakeholderId]);
    expect((await list(patient, '?specialty=mri')).items.map((entry) => entry.stakeholderId)).toEqual([hospital.principal.stakeholderId]);
    expect((await list(patient, '?q=20%25')).items.map((entry) => entry.stakeholderId)).toEqual([doctor.principal.stakeholderId]);
    expect((await list(patient, '?q=lil&role=doctor')).items).toEqual([]);
    expect((await as(gateway, patient).get(`/directory/${hospital.principal.stakeholderId}`)).body).toMatchObject({ displayName: 'Hôpital Nord', role: 'hospital' });
    expect((await as(gateway, doctor).get('/me/directory-entry')).body).toMatchObject({ about });
  });

  it('when a professional is pending or gets suspended, then its entry is not listed and reads 404, though it may still read its own', async () => {
    const pending = await actors.person('doctor', { verified: false });
    const suspended = await actors.person('doctor');
    const patient = await actors.person('patient');
    const admin = await actors.admin();
    await as(gateway, pending).put('/me/directory-entry').send(listing('Dr. Pending', ['Dermatology']));
    await as(gateway, suspended).put('/me/directory-entry').send(listing('Dr. Suspended', ['Dermatology']));
    expect((await list(patient, '?specialty=Dermatology')).items.map((entry) => entry.displayName)).toEqual(['Dr. Suspended']);

    expect((await as(gateway, admin).post(`/stakeholders/${suspended.principal.stakeholderId}/suspension`).send({})).status).toBe(200);

    expect((await list(patient, '?specialty=Dermatology')).items).toEqual([]);
    for (const actor of [pending, suspended]) {
      expect(codeOf(await as(gateway, patient).get(`/directory/${actor.principal.stakeholderId}`))).toBe('NOT_FOUND');
    }
    expect((await as(gateway, pending).get('/me/directory-entry')).status).toBe(200);
  });

  it('when more entries match than the limit, then the cursor leads through them all once; another search or another caller with that cursor gets 400', async () => {
    const patient = await actors.person('patient');
    const otherPatient = await actors.person('patient');
    const specialty = `Rare-${String(Date.now())}`;
    const doctors = await Promise.all([1, 2, 3].map(() => actors.person('doctor')));
    for (const [index, doctor] of doctors.entries()) {
      await as(gateway, doctor).put('/me/directory-entry').send(listing(`Dr. ${String(index)}`, [specialty]));
    }

    const first = await list(patient, `?specialty=${specialty}&limit=2`);
    const second = await list(patient, `?specialty=${specialty}&limit=2&cursor=${String(first.nextCursor)}`);

    expect([...first.items, ...second.items].map((entry) => entry.stakeholderId)).toEqual(doctors.map((doctor) => doctor.principal.stakeholderId).sort());
    expect(second.nextCursor).toBeNull();
    expect(codeOf(await as(gateway, patient).get(`/directory?limit=2&cursor=${String(first.nextCursor)}`))).toBe('INVALID_ARGUMENT');
    expect(codeOf(await as(gateway, otherPatient).get(`/directory?specialty=${specialty}&limit=2&cursor=${String(first.nextCursor)}`))).toBe('INVALID_ARGUMENT');
  });

  it('when a patient writes an entry, or anyone sends a bad one, then 403 or 422 and nothing is stored', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');

    const byPatient = await as(gateway, patient).put('/me/directory-entry').send(listing('Me', []));
    const tooLong = await as(gateway, doctor).put('/me/directory-entry').send(listing('x'.repeat(121), []));
    const tooMany = await as(gateway, doctor).put('/me/directory-entry').send(listing('Dr. Many', Array.from({ length: 11 }, (_v, index) => `S${String(index)}`)));
    const blank = await as(gateway, doctor).put('/me/directory-entry').send(listing('   ', []));
    const extra = await as(gateway, doctor).put('/me/directory-entry').send({ ...listing('Dr. Extra', []), role: 'hospital' });

    expect(byPatient.status).toBe(403);
    expect([tooLong.status, tooMany.status, blank.status, extra.status]).toEqual([422, 422, 422, 422]);
    expect(codeOf(await as(gateway, patient).get('/me/directory-entry'))).toBe('NOT_FOUND');
    expect(codeOf(await as(gateway, doctor).get('/me/directory-entry'))).toBe('NOT_FOUND');
  });
});
