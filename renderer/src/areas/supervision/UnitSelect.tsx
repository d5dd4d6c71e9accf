import { Select, type SelectProps } from 'antd';

type Option = { value: string; label: string };

/** A multi-unit picker: 通讯录 units (from useUnitOptions) or typed names (separate with 、 or ,). */
export function UnitSelect({ units, ...props }: Omit<SelectProps<string[], Option>, 'mode' | 'options'> & { units: Option[] }) {
  return (
    <Select<string[], Option>
      {...props}
      mode="tags"
      options={units}
      tokenSeparators={['、', ',', ',']}
      showSearch={{ optionFilterProp: 'label' }}
    />
  );
}
