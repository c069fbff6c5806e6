import { render } from 'preact';
import '../shared/frame.css';
import { frameHandle } from '../shared/frame';
import { MessageFrame } from './MessageFrame';

const handle = frameHandle();
const root = document.getElementById('root');
if (handle && root) render(<MessageFrame handle={handle} />, root);
