import { boot } from 'zcsim'; console.log(typeof boot)
