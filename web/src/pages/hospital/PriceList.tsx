import { useState, type SyntheticEvent } from 'react';
import { api, ok } from '../../api/client';
import { Empty, OutcomeMessage } from '../../components/Feedback';
import { TextField } from '../../components/Fields';
import { useAction, useLoad } from '../../components/hooks';
import { Load } from '../../components/Load';
import { Page, Section } from '../../components/Page';
import { minorToMajorText, parseMajorAmount } from '../../lib/money';
import { useMe } from '../../session';
import { loadPriceList } from '../care/price-lists';
import type { PriceList, PriceListItem } from '../care/types';
import '../care/care.css';

/** A row as typed: the price in major units, as text until it is saved. */
interface Row {
  key: number;
  code: string;
  name: string;
  price: string;
  currency: string;
}

/** PRICE_LIST_LIMITS.items in the contract. */
const MAX_ITEMS = 200;
let nextKey = 0;
const newRow = (item?: PriceListItem): Row => ({
  key: nextKey++,
  code: item?.code ?? '',
  name: item?.name ?? '',
  price: item === undefined ? '' : minorToMajorText(item.price, item.currency),
  currency: item?.currency ?? 'EUR',
});

/** The rows as the API takes them, or an error naming the row to fix. */
function itemsOf(rows: readonly Row[]): PriceListItem[] {
  return rows.map((row, index) => {
    const currency = row.currency.trim().toUpperCase();
    const free = /^0+([.,]0*)?$/.test(row.price.trim());
    const amount = free ? { minor: 0 } : parseMajorAmount(row.price, currency);
    if ('problem' in amount) throw new Error(`Row ${index + 1} (${row.code === '' ? 'no code' : row.code}): ${amount.problem}`);
    return { code: row.code.trim().toUpperCase(), name: row.name.trim(), price: amount.minor, currency };
  });
}

function RowFields({ row, index, onChange, onRemove }: { row: Row; index: number; onChange: (row: Row) => void; onRemove: () => void }) {
  const n = index + 1;
  return (
    <fieldset className="care-row">
      <legend>Service {n}</legend>
      <TextField label={`Code of service ${n}`} hint="Capital letters, digits, dashes, e.g. LAB-CBC" value={row.code} onChange={(code) => { onChange({ ...row, code }); }} required maxLength={20} />
      <TextField label={`Name of service ${n}`} value={row.name} onChange={(name) => { onChange({ ...row, name }); }} required maxLength={120} />
      <TextField label={`Price of service ${n}`} hint="Major units, e.g. 45.00; 0 for free" value={row.price} onChange={(price) => { onChange({ ...row, price }); }} required />
      <TextField label={`Currency of service ${n}`} value={row.currency} onChange={(currency) => { onChange({ ...row, currency }); }} required maxLength={3} />
      <div className="actions">
        <button type="button" className="danger" onClick={onRemove}>Remove service {n}</button>
      </div>
    </fieldset>
  );
}

function PriceListForm({ hospitalId, list }: { hospitalId: string; list: PriceList | undefined }) {
  const [rows, setRows] = useState<Row[]>(() => (list === undefined ? [newRow()] : list.items.map((item) => newRow(item))));
  const save = useAction();
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void save.run(async () => {
      const saved = await ok(api.PUT('/hospitals/{hospitalId}/price-list', { params: { path: { hospitalId } }, body: { items: itemsOf(rows) } }));
      setRows(saved.items.map((item) => newRow(item)));
      return `Price list published with ${saved.items.length} service${saved.items.length === 1 ? '' : 's'}; patients and doctors see it now.`;
    });
  };
  return (
    <form onSubmit={submit} aria-label="Price list" className="care-price-form">
      {rows.length === 0 ? <Empty>No services yet: add one.</Empty> : null}
      <div className="care-rows">
        {rows.map((row, index) => (
          <RowFields key={row.key} row={row} index={index} onChange={(changed) => { setRows(rows.map((candidate) => (candidate.key === row.key ? changed : candidate))); }} onRemove={() => { setRows(rows.filter((candidate) => candidate.key !== row.key)); }} />
        ))}
      </div>
      <div className="actions">
        <button type="button" disabled={rows.length >= MAX_ITEMS} onClick={() => { setRows([...rows, newRow()]); }}>Add a service</button>
        <button type="submit" className="primary">Publish price list</button>
      </div>
      <OutcomeMessage outcome={save.outcome} />
    </form>
  );
}

/** The hospital's public price list: what patients and referring doctors choose services from. */
export function PriceListPage() {
  const me = useMe();
  const { state } = useLoad(() => loadPriceList(me.stakeholderId), [me.stakeholderId]);
  return (
    <Page title="Price list" intro="Public: patients and doctors choose your services from it, and once it is published requests must name one of its codes.">
      <Section title="Your services">
        <Load state={state}>{(list) => <PriceListForm hospitalId={me.stakeholderId} list={list} />}</Load>
      </Section>
    </Page>
  );
}
