import { Button, Modal, Spin, message } from 'antd';
import { useState } from 'react';
import type { PetitionDetail, RepeatOffer } from '../../../../core/ipc/petitions';
import { api } from '../../bridge';
import { chosenLinks, RepeatOffers, type Choices } from './RepeatOffers';

/** 关联 after 登记 (信访 office): the case's repeats offered with reasons, linked only as chosen (signed 关联 events). */
export function LinkButton({ detail, onDone }: { detail: PetitionDetail; onDone: () => void }) {
  const [offers, setOffers] = useState<RepeatOffer[] | null>(null);
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<Choices>({});
  if (!detail.allowed.includes('link')) return null;
  const show = async () => {
    setOpen(true);
    setOffers(null);
    setChosen({});
    const r = await api.petitions.matchesOf({ id: detail.id });
    if (!r.ok) {
      setOpen(false);
      return void message.error(r.error.message);
    }
    setOffers(r.value);
  };
  const save = async () => {
    const links = chosenLinks(offers ?? [], chosen);
    if (links.length === 0) return void message.info('未选择要关联的事项');
    for (const payload of links) {
      const r = await api.records.act({ id: detail.id, basis: detail.head, type: 'link', payload });
      if (!r.ok) return void message.error(r.error.message);
    }
    void message.success(`已关联${links.length}项`);
    setOpen(false);
    onDone();
  };
  return (
    <>
      <Button onClick={() => void show()}>关联重复信访</Button>
      <Modal open={open} width={720} title="关联重复或相同事项" okText="关联" cancelText="取消" onOk={() => void save()} onCancel={() => setOpen(false)} destroyOnHidden>
        {offers ? <RepeatOffers offers={offers} chosen={chosen} onChoose={(id, v) => setChosen((c) => ({ ...c, [id]: v }))} /> : <Spin />}
      </Modal>
    </>
  );
}
