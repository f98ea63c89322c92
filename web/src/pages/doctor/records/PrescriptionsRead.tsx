import { api, ok } from '../../../api/client';
import { Table, Time } from '../../../components/Display';
import { Empty } from '../../../components/Feedback';
import { useLoad } from '../../../components/hooks';
import { Load } from '../../../components/Load';
import type { Purpose } from '../../../components/consent/vocabulary';
import { allPages } from '../../../lib/paging';

/** The patient's prescriptions the doctor's consent covers, read under the stated purpose (a logged read). */
export function PrescriptionsRead({ patientId, purpose }: { patientId: string; purpose: Purpose }) {
  const { state } = useLoad(
    async () => (await allPages((cursor) => ok(api.GET('/patients/{patientId}/prescriptions', { params: { path: { patientId }, query: { limit: 100, purpose, ...(cursor === undefined ? {} : { cursor }) } } })))).items,
    [patientId, purpose],
  );
  return (
    <Load state={state}>
      {(prescriptions) =>
        prescriptions.length === 0 ? (
          <Empty>No prescriptions you may read.</Empty>
        ) : (
          <Table caption={`Prescriptions of patient ${patientId} you may read`} headers={['Prescription', 'Units', 'Remaining', 'Status', 'Valid until']}>
            {prescriptions.map((prescription) => (
              <tr key={prescription.id}>
                <td>
                  <code>{prescription.id}</code>
                </td>
                <td>
                  {prescription.totalQuantity} × {1 + prescription.refills}
                </td>
                <td>{prescription.remaining}</td>
                <td>{prescription.status}</td>
                <td>
                  <Time iso={prescription.validUntil} />
                </td>
              </tr>
            ))}
          </Table>
        )
      }
    </Load>
  );
}
