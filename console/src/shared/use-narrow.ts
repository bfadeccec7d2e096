// The phone breakpoint the layout and every page share: true below 768 px, following window resizes.
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

export const NARROW_PX = 768;

export function useNarrow(): Ref<boolean> {
  const narrow = ref(window.innerWidth < NARROW_PX);
  const update = () => (narrow.value = window.innerWidth < NARROW_PX);
  onMounted(() => window.addEventListener('resize', update));
  onBeforeUnmount(() => window.removeEventListener('resize', update));
  return narrow;
}
