import { render } from 'preact';
import '../shared/frame.css';
import { frameHandle } from '../shared/frame';
import { Composer } from './Composer';

const handle = frameHandle();
const root = document.getElementById('root');
if (handle && root) render(<Composer handle={handle} />, root);
